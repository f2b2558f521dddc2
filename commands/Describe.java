package commands;

import java.time.Duration;
import java.util.concurrent.Callable;
import lib.DescribeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "describe", description = "Give a saved session a new description.",
        footerHeading = "%nExamples:%n",
        footer = {"  continuum describe latest fixing the flaky login test", "  continuum describe 20261124 \"release prep\"", "",
                "Environment: CONTINUUM_HOME, CONTINUUM_REPO_URL (the change is pushed)."})
public class Describe extends Verb implements Callable<Integer> {
    @Mixin
    SessionRef session;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "WORDS", description = "The new description.")
    java.util.List<String> words;
    @Option(names = "--from-agent", paramLabel = "SESSION", description = "Read it from this agent session's /nightnight words.")
    String fromAgent;
    @Option(names = "--agent", paramLabel = "NAME", description = "The agent of --from-agent (default: the session's).")
    String agent;
    @Option(names = "--after", paramLabel = "BYTES", defaultValue = "0", description = "Only words recorded after this offset of the transcript.")
    long after;
    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0", description = "Wait this long for the agent to record them.")
    long waitSeconds;

    @Override
    public Integer call() throws Exception {
        if (session.ref == null || (words == null || words.isEmpty()) == (fromAgent == null)) {
            throw usage("give a session and either the words or --from-agent");
        }
        if (after < 0 || waitSeconds < 0 || waitSeconds > 3600) {
            throw usage("--after must be 0 or more and --wait between 0 and 3600");
        }
        DescribeCommand d = new DescribeCommand(env(), session.ref).setConsole(console(false));
        if (fromAgent != null) {
            d.setFromAgent(agent, fromAgent, after, Duration.ofSeconds(waitSeconds));
        } else {
            d.setText(String.join(" ", words));
        }
        d.call();
        return 0;
    }
}
