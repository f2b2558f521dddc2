package commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import lib.agent.Agent;
import lib.agent.Agents;
import lib.base.Env;
import lib.base.Launcher;
import lib.base.Shell;
import lib.base.UserError;
import lib.git.JGitDefaults;
import lib.term.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "install", description = "Install the `continuum` and `ccc` commands (in ~/.local/bin) and /nightnight for your agent.",
        footerHeading = "%nExamples:%n",
        footer = {"  ./jbang continuum.java install          from a clone of continuum",
                "  ./jbang continuum.java install --bin ~/bin", "",
                "Environment: CLAUDE_CONFIG_DIR (where /nightnight goes), PATH (checked for the folder)."})
public class Install extends Verb implements Callable<Integer> {
    @Option(names = "--bin", paramLabel = "DIR", description = "Where to put the commands (default: ~/.local/bin).")
    Path bin;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        Path checkout = Launcher.checkout(env).orElseThrow(() -> new UserError(
                "run install from a clone of continuum through its bootstrap: ./jbang continuum.java install"));
        Path dir = bin == null ? env.home().resolve(".local/bin") : env.cwd().resolve(bin).normalize();
        checkWritableFolder(dir);
        Console console = console(false);
        measureFileTimes(env, checkout, console);
        for (Launcher.Written w : Launcher.install(checkout, dir)) {
            console.ok((w.changed() ? "Installed " : "Already installed: ") + w.file());
        }
        Agent claude = Agents.named(env, "claude");
        Agent.Installed cmd = claude.installCommand(Shell.word(dir.resolve("continuum").toString()));
        console.ok((cmd.changed() ? "Installed /nightnight at " : "/nightnight is already installed at ") + cmd.file());
        boolean onPath = dir.equals(env.findOnPath("continuum") == null ? null : env.findOnPath("continuum").getParent());
        if (!onPath) {
            console.warn(dir + " is not on your PATH. Run this line (and add it to your shell's profile):");
            console.line("    export PATH=\"" + dir + ":$PATH\"");
        } else {
            console.ok("Ready: 'continuum --help', and 'ccc' tomorrow morning");
        }
        return 0;
    }

    /** The commands' folder, or the nearest folder above it that exists, must take files: checked before anything is printed. */
    private static void checkWritableFolder(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("--bin " + dir + " is not a folder (name a folder for the commands, e.g. --bin ~/bin)");
        }
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && (!Files.isDirectory(existing) || !Files.isWritable(existing))) {
            throw new UserError("cannot put the commands in " + dir + ": " + existing + " is not a writable folder (choose another with --bin)");
        }
    }

    /**
     * JGit measures how finely a disk keeps file times once per disk, for ~3 s, and keeps the result
     * only when the measurement ends before the JVM: no save lasts that long, so without this every
     * save on a new machine would measure again (~0.4 s of it). Here it runs to the end, in
     * continuum's own folders (the cache, the vault's .git, and this clone's .git: a clone of
     * continuum usually sits beside the user's projects, on their disk), where its probe files do
     * no harm.
     */
    private static void measureFileTimes(Env env, Path checkout, Console console) {
        ArrayList<Path> folders = new ArrayList<>();
        try {
            folders.add(Files.createDirectories(env.cacheDir()));
        } catch (IOException | RuntimeException e) {
            // a cache folder that cannot be made: the vault's alone, or nothing
        }
        folders.add(env.vaultDir().resolve(".git"));
        folders.add(checkout.resolve(".git"));
        java.util.EnumSet<JGitDefaults.Measurement> results = java.util.EnumSet.noneOf(JGitDefaults.Measurement.class);
        for (Path f : folders) {
            results.add(JGitDefaults.measureFileTimesToTheEnd(f,
                    () -> console.pending("Measuring how finely the disk of " + f + " keeps file times, once (a few seconds)")));
        }
        if (results.contains(JGitDefaults.Measurement.KEPT)) {
            console.ok("Measured file times, once: JGit keeps the result for every later save");
        } else if (results.contains(JGitDefaults.Measurement.NOT_KEPT)) {
            console.warn("JGit could not keep its measurement (is ~/.config/jgit writable?): each save measures again, ~0.4 s");
        }
    }
}
