package commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "show", mixinStandardHelpOptions = true)
public class Show implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
