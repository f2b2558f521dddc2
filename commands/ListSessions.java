package commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import lib.Env;
import lib.Json;
import lib.SessionFormat;
import lib.SessionInfo;
import lib.SessionStore;
import lib.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "List saved sessions, newest first.")
public class ListSessions extends Verb implements Callable<Integer> {
    @Mixin
    JsonOption output;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "At most N sessions (default ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--all", description = "Every session.")
    boolean all;
    @Option(names = "--workspace", paramLabel = "DIR", description = "Only sessions of this project (same origin URL or path).")
    Path workspace;
    @Option(names = "--host", paramLabel = "NAME", description = "Only sessions saved on this host.")
    String host;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        PrintWriter out = out();
        if (limit < 1 && !all) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        boolean exists = Files.isDirectory(env.vaultDir().resolve(".git"));
        if (!exists && env.get("CONTINUUM_REPO_URL") == null) {
            return empty(out, env);
        }
        Set<String> onRemote;
        // A new machine with CONTINUUM_REPO_URL: the first list clones the vault; later ones stay offline.
        try (Vault vault = exists ? Vault.open(env) : Vault.openOrCreate(env)) {
            onRemote = SessionStore.onRemote(vault.git().getRepository(), vault.branch());
        }
        List<SessionInfo> sessions = new SessionStore(env.vaultDir()).list(filter(env), all ? 0 : limit);
        if (output.json) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (SessionInfo s : sessions) {
                var o = s.toJson();
                if (onRemote != null) {
                    o.put("pushed", onRemote.contains(s.id()));
                }
                arr.add(o);
            }
            out.println(Json.MAPPER.writeValueAsString(arr));
            return 0;
        }
        if (sessions.isEmpty()) {
            return empty(out, env);
        }
        int width = Terminal.width(env);
        lib.Console paint = console(false);
        Instant now = Instant.now();
        int n = 0;
        for (SessionInfo s : sessions) {
            for (String line : SessionFormat.rows(++n, s, now, onRemote, width, true, paint)) {
                out.println(line);
            }
        }
        return 0;
    }

    private int empty(PrintWriter out, Env env) {
        if (output.json) {
            out.println("[]");
        } else {
            out.println("No sessions in " + env.vaultDir() + " yet. Save one with: continuum save");
        }
        return 0;
    }

    private Predicate<SessionInfo> filter(Env env) throws Exception {
        Predicate<SessionInfo> p = s -> true;
        if (host != null) {
            p = p.and(s -> host.equalsIgnoreCase(s.hostname()));
        }
        if (workspace != null) {
            p = p.and(SessionStore.ofProject(env.cwd().resolve(workspace)));
        }
        return p;
    }
}
