package commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true)
public class ListSessions implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
