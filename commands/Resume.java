package commands;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import lib.ClaudeCode;
import lib.Console;
import lib.Env;
import lib.SessionFormat;
import lib.SessionInfo;
import lib.SessionResumer;
import lib.SessionStore;
import lib.Shell;
import lib.Urls;
import lib.UserError;
import lib.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Restore a saved session (branch, work tree, index, conversation) and reopen the agent. Alias: ccc")
public class Resume extends Verb implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "ID|latest|N",
            description = "Session id or unique prefix, 'latest', or a row number from 'list'. Omitted: pick one.")
    String ref;
    @Option(names = "--workspace", paramLabel = "DIR", description = "Restore into this folder.")
    Path workspace;
    @Option(names = "--no-launch", description = "Restore, then print the claude command instead of starting it.")
    boolean noLaunch;
    @Option(names = "--force", description = "Restore over uncommitted changes after saving them as a safety snapshot.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        PrintWriter out = out();
        Console console = console(false);
        if (ref == null && !env.interactive()) {
            throw new UserError("no session given and no terminal to pick one: use 'ccc latest', 'ccc <id>' or 'ccc <N>' "
                    + "(see 'continuum list')");
        }
        if (!Files.isDirectory(env.vaultDir().resolve(".git")) && env.get("CONTINUUM_REPO_URL") == null) {
            throw new UserError("no vault at " + env.vaultDir() + ": save a session first, or set CONTINUUM_REPO_URL "
                    + "to your vault's remote");
        }
        String syncLine = null;
        boolean synced = true;
        Set<String> onRemote;
        try (Vault vault = Vault.openOrCreate(env)) {
            if (vault.remoteUrl() != null) {
                Vault.PushOutcome pulled = vault.pullOnly();
                synced = pulled.ok();
                syncLine = synced ? "Vault synced from " + Urls.withoutCredentials(vault.remoteUrl())
                        : "Could not sync the vault (" + pulled.reason() + "); using the sessions already here";
            }
            onRemote = SessionStore.onRemote(vault.git().getRepository(), vault.branch());
        }
        SessionStore store = new SessionStore(env.vaultDir());
        SessionInfo chosen;
        if (ref != null) {
            chosen = store.find(ref);
        } else {
            chosen = pick(store, onRemote, env, out);
            if (chosen == null) {
                return 0;
            }
        }
        if (chosen.id().equals("new")) {
            return newSession(env, console);
        }
        return new SessionResumer(env).resume(chosen, new SessionResumer.Request(
                workspace == null ? null : env.cwd().resolve(workspace), !noLaunch, force),
                console, syncLine, synced);
    }

    /** The original tool's picker: numbered sessions, [n] new, [q] quit; asks again on bad input. */
    private SessionInfo pick(SessionStore store, Set<String> onRemote, Env env, PrintWriter out) throws Exception {
        List<SessionInfo> sessions = store.list(s -> true, 20);
        if (sessions.isEmpty()) {
            throw new UserError("the vault has no sessions yet: save one with 'continuum save'");
        }
        Instant now = Instant.now();
        out.println("Saved sessions (newest first):");
        int n = 0;
        for (SessionInfo s : sessions) {
            SessionFormat.rows(++n, s, now, onRemote, Terminal.width(env), false,
                    console(false)).forEach(out::println);
        }
        out.println();
        out.println("  [n] New session");
        out.println("  [q] Quit");
        BufferedReader in = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8));
        while (true) {
            out.print("Select a session [1-" + sessions.size() + ", n, q]: ");
            out.flush();
            String line = in.readLine();
            if (line == null || line.strip().equalsIgnoreCase("q")) {
                out.println();
                out.println("Nothing restored.");
                return null;
            }
            String answer = line.strip();
            if (answer.equalsIgnoreCase("n")) {
                return new SessionInfo("new", null, null, null);
            }
            if (answer.matches("\\d{1,4}") && Integer.parseInt(answer) >= 1 && Integer.parseInt(answer) <= sessions.size()) {
                return sessions.get(Integer.parseInt(answer) - 1);
            }
            out.println("  Please type a number from 1 to " + sessions.size() + ", n or q.");
        }
    }

    private int newSession(Env env, Console console) throws Exception {
        Path claude = env.findOnPath("claude");
        if (noLaunch || claude == null) {
            console.line("Start a new session with:");
            console.line("  claude");
            return 0;
        }
        console.ok("Starting: claude");
        return Shell.runInherited(List.of(claude.toString()), env.cwd(), env);
    }
}
