///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES ../../continuum.java

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lib.SaveCommand;
import lib.base.Env;

/**
 * What a new machine fetches from a vault of many sessions, side by side with a full clone, and
 * what pruning gives back: a remote of --sessions sessions (default 200) of about 1 MB each
 * (incompressible files in their bundles); a new machine's first `list`, then `resume` of one
 * session; `prune --keep-last N/2` and the remote's own `git gc --prune=now`. Needs the git CLI
 * for the full clone and the remote's gc.
 *
 *   ./jbang tests/bench/vault_bench.java [--sessions N] [--seed S] [--dir DIR]
 */
public class vault_bench {
    static int sessions = 200;
    static long seed = 42;
    static Path root;
    static Map<String, String> env = new HashMap<>(System.getenv());

    public static void main(String... args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--dir" -> root = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (root == null) {
            root = Files.createTempDirectory("continuum-vault-bench-");
        }
        Files.createDirectories(root);
        Path remote = root.resolve("remote.git");
        sh(root, "git init -q --bare " + remote);
        Path ws = root.resolve("ws");
        sh(root, "git init -q " + ws + " && cd " + ws + " && echo hello > README && git add README"
                + " && git -c user.name=b -c user.email=b@x commit -qm init");
        Map<String, String> laptop = machine("laptop", remote);

        System.out.println("saving " + sessions + " sessions of ~1 MB in " + root + " ...");
        Random random = new Random(seed);
        byte[] data = new byte[1 << 20];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            random.nextBytes(data);
            Files.write(ws.resolve("work.bin"), data);
            var r = new SaveCommand(new Env(laptop, ws, false), ws).setDescription("session " + i).setPush(false)
                    .setWipPush(false).call();
            ids.add(r.sessionId());
        }
        cli(ws, laptop, "sync");
        sh(remote, "git gc -q");
        long remoteBytes = du(remote);

        Map<String, String> fresh = machine("new-machine", remote);
        long t0 = System.nanoTime();
        String list = cli(ws, fresh, "list", "--all");
        double listSeconds = (System.nanoTime() - t0) / 1e9;
        long rows = list.lines().filter(l -> l.contains("session-")).count();
        Path freshGit = Path.of(fresh.get("CONTINUUM_HOME")).resolve(".git/objects");
        long afterList = du(freshGit);

        String id = ids.get(sessions / 2);
        Path sessionFolder = Path.of(laptop.get("CONTINUUM_HOME")).resolve("sessions").resolve(id);
        long sessionBytes = du(sessionFolder);
        Path target = root.resolve("resumed");
        t0 = System.nanoTime();
        cli(root, fresh, "resume", id, "--no-launch", "--workspace", target.toString());
        double resumeSeconds = (System.nanoTime() - t0) / 1e9;
        long resumeBytes = du(freshGit) - afterList;

        t0 = System.nanoTime();
        sh(root, "git clone -q --mirror file://" + remote + " " + root.resolve("full-clone.git"));
        double cloneSeconds = (System.nanoTime() - t0) / 1e9;
        long cloneBytes = du(root.resolve("full-clone.git"));

        int keep = sessions / 2;
        long prunedOwn = 0;
        for (String old : ids.subList(0, sessions - keep)) {
            prunedOwn += du(Path.of(laptop.get("CONTINUUM_HOME")).resolve("sessions").resolve(old));
        }
        cli(ws, laptop, "prune", "--keep-last", String.valueOf(keep), "--include-latest", "--yes");
        sh(remote, "git gc -q --prune=now");
        long afterPrune = du(remote);

        System.out.println();
        System.out.printf("%-58s %14s %14s %10s %10s%n", "", "bytes", "of remote", "seconds", "target");
        System.out.printf("%-58s %,14d %14s%n", "remote: " + sessions + " sessions", remoteBytes, "100%");
        System.out.printf("%-58s %,14d %13.2f%% %10.2f %10s%n", "new machine, first list (" + rows + " rows shown)", afterList,
                100.0 * afterList / remoteBytes, listSeconds, "≤ 2%");
        System.out.printf("%-58s %,14d %13.2fx %10.2f %10s%n", "then resume of one session (ratio: to its own size "
                + String.format("%,d", sessionBytes) + ")", resumeBytes, (double) resumeBytes / sessionBytes, resumeSeconds, "≤ 1.5x");
        System.out.printf("%-58s %,14d %13.2f%% %10.2f%n", "what it replaces: a full clone", cloneBytes,
                100.0 * cloneBytes / remoteBytes, cloneSeconds);
        System.out.printf("%-58s %,14d %13.2f%%%n", "prune --keep-last " + keep + ", then the remote's git gc: left", afterPrune,
                100.0 * afterPrune / remoteBytes);
        System.out.printf("%-58s %,14d %13.2f%% %10s %10s%n", "  freed (ratio: to the pruned sessions' own " + String.format("%,d", prunedOwn) + ")",
                remoteBytes - afterPrune, 100.0 * (remoteBytes - afterPrune) / prunedOwn, "", "≈ 100%");
    }

    /** One machine: its own home and vault, the shared remote. */
    static Map<String, String> machine(String name, Path remote) throws Exception {
        Map<String, String> e = new HashMap<>(env);
        // The commands run in this JVM, on the benchmark's class path: not a start of the checkout
        // through its bootstrap, whose class path the installed command would then take up.
        e.remove("CONTINUUM_LAUNCHER");
        e.put("HOME", Files.createDirectories(root.resolve(name)).toString());
        e.put("CONTINUUM_HOME", root.resolve(name).resolve("vault").toString());
        e.put("CONTINUUM_REPO_URL", remote.toString());
        e.put("CCC_HOST_HOSTNAME", name);
        e.put("CCC_HOST_KERNEL", "bench");
        return e;
    }

    /** continuum in this JVM, as a user runs it; returns what it printed. */
    static String cli(Path cwd, Map<String, String> e, String... args) throws Exception {
        var out = new java.io.StringWriter();
        int code = commands.Continuum.run(new Env(e, cwd, false), new java.io.PrintWriter(out, true), new java.io.PrintWriter(System.err, true), args);
        if (code != 0) {
            throw new IllegalStateException("continuum " + String.join(" ", args) + " failed: " + out);
        }
        return out.toString();
    }

    static void sh(Path cwd, String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).directory(cwd.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
    }

    static long du(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
