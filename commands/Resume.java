package commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "resume", mixinStandardHelpOptions = true)
public class Resume implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
