package commands;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lib.SessionReport;
import lib.agent.Agents;
import lib.agent.TranscriptView;
import lib.base.Env;
import lib.base.Json;
import lib.base.UserError;
import lib.session.Session;
import lib.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", description = "Show what a saved session holds.",
        footerHeading = "%nExamples:%n",
        footer = {"  continuum show            the latest session", "  continuum show 3 --transcript",
                "  continuum show 20261124 --json", "", "Environment: CONTINUUM_HOME (the vault), CONTINUUM_REPO_URL."})
public class Show extends Verb implements Callable<Integer> {
    @Mixin
    JsonOption output;
    @Mixin
    SessionRef session;
    @Option(names = "--transcript", description = "Print the conversation as readable text.")
    boolean transcript;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        PrintWriter out = out();
        try (Vault vault = Vault.open(env, Vault.Need.LOCAL, console(output.json))) {
            Session s = vault.sessions().find(session.ref);
            try {
                s = vault.withContent(s);
            } catch (UserError e) {
                if (transcript) {
                    throw e;
                }
                console(output.json).warn(e.getMessage()); // the header still shows, from the list
            }
            if (transcript && s.newerFormat()) {
                throw new UserError("session " + s.id() + " was " + s.newerFormatNote()
                        + ": update continuum on this machine to read its conversation");
            }
            // A newer format's conversation may be stored in a way this release would misread.
            boolean hasConversation = !s.newerFormat() && s.folder().hasConversation();
            TranscriptView view = Agents.ofSaved(env, s.agent().name()).view();
            if (transcript) {
                if (!hasConversation) {
                    throw new UserError("session " + s.id() + " has no saved conversation");
                }
                view.render(s.folder().openConversation(), out);
                return 0;
            }
            TranscriptView.Summary summary = hasConversation ? view.summarize(s.folder().openConversation()) : null;
            if (output.json) {
                out.println(Json.MAPPER.writeValueAsString(SessionReport.json(s, summary, vault.pushState(s.id()))));
                return 0;
            }
            SessionReport.print(s, summary, vault.pushState(s.id()), out);
        }
        return 0;
    }
}
