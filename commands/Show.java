package commands;

import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import lib.Env;
import lib.Json;
import lib.SavedConversation;
import lib.SessionInfo;
import lib.SessionReport;
import lib.SessionStore;
import lib.TranscriptView;
import lib.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Show what a saved session holds.")
public class Show extends Verb implements Callable<Integer> {
    @Mixin
    JsonOption output;

    @Parameters(arity = "0..1", paramLabel = "ID|latest|N", defaultValue = "latest",
            description = "Session id, unique prefix, 'latest' (default) or a row number from 'list'.")
    String ref;
    @Option(names = "--transcript", description = "Print the conversation as readable text.")
    boolean transcript;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        PrintWriter out = out();
        SessionInfo s;
        Set<String> onRemote;
        try (Vault vault = Vault.open(env)) {
            s = new SessionStore(vault.dir()).find(ref);
            onRemote = SessionStore.onRemote(vault.git().getRepository(), vault.branch());
        }
        boolean hasConversation = SavedConversation.exists(s.dir());
        if (transcript) {
            if (!hasConversation) {
                throw new lib.UserError("session " + s.id() + " has no saved conversation");
            }
            TranscriptView.render(SavedConversation.open(s.dir()), out);
            return 0;
        }
        TranscriptView.Summary summary = hasConversation ? TranscriptView.summarize(SavedConversation.open(s.dir())) : null;
        if (output.json) {
            out.println(Json.MAPPER.writeValueAsString(SessionReport.json(s, summary, onRemote)));
            return 0;
        }
        SessionReport.print(s, summary, onRemote, out);
        return 0;
    }
}
