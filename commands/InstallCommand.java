package commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "install-command", mixinStandardHelpOptions = true)
public class InstallCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
