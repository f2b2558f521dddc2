package commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import lib.SessionReport;
import lib.SessionFilter;
import lib.SessionRows;
import lib.base.Env;
import lib.base.Json;
import lib.session.Session;
import lib.term.Console;
import lib.term.Terminal;
import lib.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List saved sessions, newest first.",
        footerHeading = "%nExamples:%n",
        footer = {"  continuum list", "  continuum list --all --host laptop", "  continuum list --workspace . --json",
                "", "Environment: CONTINUUM_HOME (the vault), CONTINUUM_REPO_URL (cloned on first use), COLUMNS, NO_COLOR."})
public class List extends Verb implements Callable<Integer> {
    @Mixin
    JsonOption output;
    @Mixin
    WorkspaceOption workspace;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "At most N sessions (default ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--all", description = "Every session.")
    boolean all;
    @Option(names = "--host", paramLabel = "NAME", description = "Only sessions saved on this host.")
    String host;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        PrintWriter out = out();
        if (limit < 1 && !all) {
            throw usage("--limit must be at least 1 (or use --all)");
        }
        Console console = console(output.json);
        try (Vault vault = Vault.open(env, Vault.Need.LOCAL, console)) {
            java.util.List<Session> sessions = vault.sessions().list(filter(env), all ? 0 : limit);
            if (output.json) {
                ArrayNode arr = Json.MAPPER.createArrayNode();
                for (Session s : sessions) {
                    arr.add(SessionReport.json(s, vault.pushState(s.id())));
                }
                out.println(arr.isEmpty() ? "[]" : Json.MAPPER.writeValueAsString(arr));
                return 0;
            }
            if (sessions.isEmpty()) {
                boolean filtered = host != null || workspace.dir != null;
                out.println(filtered && !vault.sessions().ids().isEmpty()
                        ? "No session matches " + (host != null ? "--host " + host : "") + (host != null && workspace.dir != null ? " and " : "")
                                + (workspace.dir != null ? "--workspace " + workspace.asked(env) : "") + " (the vault has "
                                + vault.sessions().ids().size() + "; 'continuum list --all' shows them)"
                        : "No sessions in " + vault.dir() + " yet. Save one with: continuum save");
                return 0;
            }
            int width = Terminal.width(env);
            Instant now = Instant.now();
            int n = 0;
            for (Session s : sessions) {
                for (String line : SessionRows.rows(++n, s, now, vault.pushState(s.id()), width, true, console)) {
                    out.println(line);
                }
            }
        }
        return 0;
    }

    private Predicate<Session> filter(Env env) throws IOException {
        Predicate<Session> p = s -> true;
        if (host != null) {
            p = p.and(SessionFilter.onHost(host));
        }
        if (workspace.dir != null) {
            p = p.and(SessionFilter.ofProject(workspace.asked(env)));
        }
        return p;
    }
}
