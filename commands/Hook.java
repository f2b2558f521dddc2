package commands;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import lib.AutoSave;
import lib.base.Env;
import lib.base.Errors;
import lib.base.UserError;
import lib.git.JGitDefaults;
import lib.term.Console;
import lib.term.Text;
import lib.vault.Vault;
import lib.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hook", description = "Run what an agent's hook asks for (the plugin's SessionEnd hook runs 'hook session-end').",
        footerHeading = "%nExamples:%n",
        footer = {"  continuum hook session-end --payload /tmp/payload.json",
                "  echo '{\"session_id\":\"…\",\"cwd\":\"/src/app\"}' | continuum hook session-end", "",
                "It saves in the background of the agent's exit; its log: <vault>/.git/continuum-logs/auto-save.log.",
                "Environment: CONTINUUM_HOME, CONTINUUM_REPO_URL, CLAUDE_CONFIG_DIR."})
public class Hook extends Verb implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EVENT", description = "The hook's event: session-end.")
    String event;
    @Option(names = "--payload", paramLabel = "FILE", description = "The hook's JSON payload (removed once read); default: standard input.")
    Path payload;

    @Override
    public Integer call() throws Exception {
        if (!event.equals("session-end")) {
            throw usage("unknown hook event '" + Text.oneLine(event, 40) + "' (known: session-end)");
        }
        Env env = env();
        String json;
        if (payload != null) {
            Path file = env.cwd().resolve(payload);
            json = Files.readString(file);
            Files.deleteIfExists(file);
        } else {
            json = new String(env.stdin().readAllBytes(), StandardCharsets.UTF_8);
        }
        AutoSave.Payload p = AutoSave.Payload.parse(json);
        Path log;
        try (Vault vault = Vault.open(env, Vault.Need.CREATE, Console.silent())) {
            log = vault.local().logFile("auto-save"); // the vault exists before its log does
        }
        measureFileTimes(env, p.cwd());
        Files.createDirectories(log.getParent());
        try (PrintWriter w = new PrintWriter(new OutputStreamWriter(new FileOutputStream(log.toFile(), true), StandardCharsets.UTF_8), true)) {
            w.println("== " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + " session-end of " + p.sessionId()
                    + " in " + p.cwd() + (p.reason() == null ? "" : " (" + p.reason() + ")"));
            String outcome;
            int code = 0;
            try {
                outcome = new AutoSave(env, p, new Console(w, false, false)).call();
            } catch (UserError e) {
                outcome = "failed: " + e.getMessage();
                code = 1;
            } catch (Exception e) {
                outcome = "failed: " + Errors.oneLine(e);
                code = 1;
            }
            w.println("result: " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + outcome);
            out().println(outcome);
            return code;
        }
    }

    /**
     * Nobody waits for an automatic save: JGit's measurement of a disk's file times (~3 s, once
     * per disk; see JGitDefaults) runs to the end here, for the vault's disk where `install` never
     * ran, and for the project's when it is on another disk. JGit measures in the project's .git
     * during every save of it until one measurement ends; after this one, no save there does. At
     * once for a disk JGit already knows.
     */
    private static void measureFileTimes(Env env, Path project) {
        JGitDefaults.measureFileTimesToTheEnd(env.vaultDir().resolve(".git"), () -> { });
        if (project == null) {
            return;
        }
        try (Workspace ws = Workspace.open(project)) {
            if (ws.isRepo()) {
                JGitDefaults.measureFileTimesToTheEnd(ws.repo().getDirectory().toPath(), () -> { });
            }
        } catch (IOException | RuntimeException e) {
            // the save says what is wrong with the project
        }
    }
}
