package commands;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import lib.PruneCommand;
import lib.base.Env;
import lib.base.UserError;
import lib.git.RemoteResult;
import lib.session.Session;
import lib.term.Console;
import lib.term.Text;
import lib.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prune", description = "Remove old sessions from the vault and its remote.",
        footerHeading = "%nExamples:%n",
        footer = {"  continuum prune --keep-last 50 --dry-run", "  continuum prune --older-than 6m --yes",
                "  continuum prune --keep-last 20 --older-than 30d", "",
                "The newest session of each workspace is kept unless --include-latest; a session being resumed is always",
                "kept. Durations: h, d, w, m (30 days), y (365 days). The remote frees the space at its next garbage",
                "collection. Environment: CONTINUUM_HOME, CONTINUUM_REPO_URL."})
public class Prune extends Verb implements Callable<Integer> {
    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N sessions.")
    Integer keepLast;
    @Option(names = "--older-than", paramLabel = "DURATION", description = "Remove sessions saved longer ago than this (30d, 6m, 1y).")
    String olderThan;
    @Option(names = "--include-latest", description = "Also remove the newest session of a workspace.")
    boolean includeLatest;
    @Option(names = "--dry-run", description = "Show what would go, and how many bytes, without removing anything.")
    boolean dryRun;
    @Option(names = "--yes", description = "Do not ask (needed without a terminal).")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        PruneCommand prune = new PruneCommand().setKeepLast(keepLast).setOlderThan(olderThan).setIncludeLatest(includeLatest).check();
        Console console = console(false);
        PrintWriter out = out();
        try (Vault vault = Vault.open(env, Vault.Need.LATEST, console)) {
            PruneCommand.Plan plan = prune.plan(vault);
            if (!plan.remove().isEmpty() && !dryRun && !yes && !env.interactive()) {
                throw new UserError("prune would remove " + plan.remove().size() + " session(s) and there is no terminal to ask: "
                        + "add --yes, or --dry-run to see them");
            }
            String size = Text.size(plan.bytes()) + (plan.sizeUnknown() > 0 ? " and " + plan.sizeUnknown() + " of unknown size" : "");
            out.println((dryRun ? "Would remove " : "Removing ") + plan.remove().size() + " session(s), " + size
                    + (plan.remove().isEmpty() ? "" : ":"));
            for (Session s : plan.remove()) {
                out.println("  " + s.id() + " · " + Text.oneLine(s.description(), 60));
            }
            if (!plan.keptAsLatest().isEmpty()) {
                out.println("Kept " + plan.keptAsLatest().size() + " that are the newest of their workspace (--include-latest removes them too)");
            }
            if (!plan.keptAsResumed().isEmpty()) {
                out.println("Kept " + plan.keptAsResumed().size() + " being resumed right now");
            }
            out.flush();
            if (dryRun || plan.remove().isEmpty()) {
                return 0;
            }
            if (!yes && !confirm(env, out, plan.remove().size())) {
                out.println("Nothing removed.");
                return 0;
            }
            RemoteResult pushed = prune.apply(vault, plan);
            console.ok("Removed " + plan.remove().size() + " session(s) from the vault");
            if (pushed == null) {
                return 0;
            }
            if (!pushed.ok()) {
                console.warn("Could not remove them from " + vault.remoteShown() + " yet (" + pushed.problem()
                        + "): 'continuum sync' finishes it");
                return 0;
            }
            console.ok("Removed from " + vault.remoteShown() + " (the host frees the space when it collects garbage)");
        }
        return 0;
    }

    private static boolean confirm(Env env, PrintWriter out, int n) throws java.io.IOException {
        out.print("Remove " + n + " session(s) from the vault and its remote? [y/N] ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
        return answer != null && answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }
}
