package commands;

import lib.SessionSaver;
import picocli.CommandLine.IVersionProvider;

/** One version string for the top command and every verb. */
public class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"continuum " + SessionSaver.VERSION};
    }
}
