package commands;

import lib.base.About;
import picocli.CommandLine.IVersionProvider;

/** One version string for the top command and every verb. */
public class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"continuum " + About.VERSION};
    }
}
