///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES ../../continuum.java

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * continuum against the git floor, side by side, on a workspace built reproducibly from a seed:
 * 20,000 files, 200 modified, 50 untracked, 10 binary files of 1 MB, 5 unpushed commits, a 30 MB
 * transcript with sub-agent files. Each figure is the median of --runs runs (default 5) after a
 * warm-up; continuum and what it is compared with (the git floor, the original tool) run in turns,
 * so that a machine whose speed drifts touches both alike. Needs the git CLI for the floor only.
 *
 *   ./jbang tests/bench/bench.java [--runs N] [--seed S] [--dir DIR]
 */
public class bench {
    static int runs = 5;
    static long seed = 42;
    static Path root;
    static Path repoRoot = Path.of(System.getProperty("user.dir"));
    static Map<String, String> env = new HashMap<>(System.getenv());

    public static void main(String... args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--dir" -> root = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (root == null) {
            root = Files.createTempDirectory("continuum-bench-");
        }
        Path home = Files.createDirectories(root.resolve("home"));
        env.put("HOME", home.toString());
        env.put("CONTINUUM_HOME", root.resolve("vault").toString());
        env.put("CCC_HOST_HOSTNAME", "bench");
        env.put("CCC_HOST_KERNEL", "bench");
        for (String who : List.of("AUTHOR", "COMMITTER")) { // the git floor commits too
            env.put("GIT_" + who + "_NAME", "Bench");
            env.put("GIT_" + who + "_EMAIL", "bench@example.com");
        }
        String realHome = System.getProperty("user.home");
        env.putIfAbsent("JBANG_DIR", realHome + "/.jbang");
        env.putIfAbsent("JBANG_REPO", realHome + "/.m2/repository");
        env.putIfAbsent("XDG_CACHE_HOME", realHome + "/.cache");

        System.out.println("building the workspace in " + root + " (seed " + seed + ") ...");
        Path origin = root.resolve("origin.git");
        Path ws = root.resolve("ws");
        String agent = buildWorkspace(origin, ws, home);
        List<String> cli = cliCommand();

        List<String[]> table = new ArrayList<>();
        // The installed command: one run through JBang leaves the class path, then java starts directly;
        // the first direct save leaves the class-data archive every later start maps.
        Path bin = root.resolve("bin");
        Map<String, String> installed = new HashMap<>(env);
        installed.put("XDG_CACHE_HOME", root.resolve("cache").toString());
        run(ws, List.of(repoRoot.resolve("jbang").toString(), repoRoot.resolve("continuum.java").toString(), "install",
                "--bin", bin.toString()), installed);
        run(ws, List.of(bin.resolve("continuum").toString(), "--version"), installed);
        List<String> installedSave = List.of(bin.resolve("continuum").toString(), "save", "--no-push", "--no-wip-push",
                "--session", agent, "-m", "bench");
        run(ws, installedSave, installed);
        Path launch = lib.base.FastStart.dir(new lib.base.Env(installed, ws, false), repoRoot.toRealPath());
        for (int i = 0; i < 600 && !Files.exists(launch.resolve(lib.base.FastStart.ARCHIVE)); i++) {
            Thread.sleep(200); // the archive is made in the background after that save
        }
        // and made again with a resume's classes after the first direct resume: a user's day two
        Path firstResume = Files.createDirectories(root.resolve("resume-first"));
        Map<String, String> firstHome = new HashMap<>(installed);
        firstHome.put("HOME", Files.createDirectories(root.resolve("home-first")).toString());
        run(firstResume, List.of(bin.resolve("continuum").toString(), "resume", "latest", "--no-launch", "--workspace",
                firstResume.toString()), firstHome);
        for (int i = 0; i < 600 && (!Files.exists(launch.resolve("classes-resume")) || dumping(launch)); i++) {
            Thread.sleep(200);
        }

        // save vs the git floor and the original tool, taken in turns so that the machine's drift
        // touches each alike
        Path floorOut = Files.createDirectories(root.resolve("floor"));
        Path transcript = home.resolve(".claude/projects").resolve(lib.agent.claude.ClaudeCode.encode(ws)).resolve(agent + ".jsonl");
        Timed save = () -> run(ws, concat(cli, "save", "--no-push", "--no-wip-push", "--session", agent, "-m", "bench"));
        Timed saveInstalled = () -> run(ws, installedSave, installed);
        // The floor captures what continuum captures, untracked files included: a scratch index, add -A,
        // write-tree, commit-tree, a bundle of that commit and the unpushed range, and the transcript copied.
        Timed floor = () -> sh(ws, "cp .git/index " + floorOut + "/idx && export GIT_INDEX_FILE=" + floorOut + "/idx"
                + " && git add -A && t=$(git write-tree) && c=$(git commit-tree $t -p HEAD -m snap) && unset GIT_INDEX_FILE"
                + " && git update-ref refs/floor/snapshot $c"
                + " && git bundle create -q " + floorOut + "/ws.bundle refs/floor/snapshot origin/main..main"
                + " && rm -rf " + floorOut + "/sub && cp '" + transcript + "' " + floorOut + "/t.jsonl && cp -r '"
                + transcript.resolveSibling(agent) + "' " + floorOut + "/sub");
        // The original tool's save beside this checkout (`git diff HEAD` and the whole history.jsonl:
        // no untracked or binary files), given the same transcript as its history.
        Path original = repoRoot.resolve("../shared/peers/original-continuum/save.sh").normalize();
        Timed orig = null;
        if (Files.isRegularFile(original)) {
            Path claudeDir = Files.createDirectories(root.resolve("original-claude"));
            Files.copy(transcript, claudeDir.resolve("history.jsonl"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            orig = () -> sh(ws, original + " " + ws + " " + claudeDir + " " + root.resolve("vault-original"));
        } else {
            System.out.println("(no original tool at " + original + ": its row is skipped)");
        }
        // The installed save on a machine where JGit never measured the disk (Java's home without
        // JGit's settings, emptied before each run): what `install` and the first automatic save
        // spare a new user.
        Path newJavaHome = root.resolve("java-home-new");
        Map<String, String> newMachine = new HashMap<>(installed);
        newMachine.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + newJavaHome);
        newMachine.remove("XDG_CONFIG_HOME");
        Timed saveNewMachine = () -> {
            lib.base.FileUtil.deleteTree(newJavaHome);
            Files.createDirectories(newJavaHome);
            return run(ws, installedSave, newMachine);
        };
        double[] saves = orig == null ? inTurns(save, saveInstalled, floor, saveNewMachine)
                : inTurns(save, saveInstalled, floor, orig, saveNewMachine);
        double stashFloor = median(() -> sh(ws, "h=$(git stash create) && git bundle create -q " + floorOut + "/s.bundle "
                + "$h origin/main..main && cp '" + transcript + "' " + floorOut + "/t2.jsonl"));
        table.add(row("save --no-push (20k files, 30 MB transcript)", saves[0], "scratch index add -A + bundle + cp", saves[2], NONE));
        table.add(row("  (same save)", saves[0], "git stash create + bundle + cp (no untracked)", stashFloor, NONE));
        table.add(row("save --no-push (installed command)", saves[1], "scratch index add -A + bundle + cp", saves[2], ratioAtMost(1.5)));
        if (orig != null) {
            table.add(row("save --no-push (installed command)", saves[1], "the original tool's save.sh", saves[3], FASTER));
        }
        table.add(row("  (same, JGit never measured the disk)", saves[saves.length - 1], "the save where it has", saves[1], NONE));
        firstSaves(ws, transcript.getParent(), bin, installed, saves[1], table);

        // start-up and list
        Path bigVault = root.resolve("vault-10k");
        makeVault(bigVault, 10_000);
        Path smallVault = root.resolve("vault-1k");
        makeVault(smallVault, 1_000);
        Map<String, String> listEnv = new HashMap<>(env);
        listEnv.put("CONTINUUM_HOME", bigVault.toString());
        Map<String, String> installedList = new HashMap<>(installed);
        installedList.put("CONTINUUM_HOME", smallVault.toString());
        Map<String, String> installedBigList = new HashMap<>(installed);
        installedBigList.put("CONTINUUM_HOME", bigVault.toString());
        double[] starts = inTurns(() -> run(ws, List.of(javaBin(), "-version"), env),
                () -> run(ws, concat(cli, "--version")),
                () -> run(ws, List.of(bin.resolve("continuum").toString(), "--version"), installed),
                () -> run(ws, concat(cli, "list"), listEnv),
                () -> run(ws, List.of(bin.resolve("continuum").toString(), "list"), installedList),
                () -> run(ws, List.of(bin.resolve("continuum").toString(), "list"), installedBigList));
        double javaVersion = starts[0];
        double viaJbang = median(() -> run(ws, List.of(repoRoot.resolve("jbang").toString(),
                repoRoot.resolve("continuum.java").toString(), "--version")));
        // The targets are the installed command's: the other ways in are for comparison.
        table.add(row("continuum --version (java -cp, warm)", starts[1], "java -version", javaVersion, NONE));
        table.add(row("continuum --version (through ./jbang, warm)", viaJbang, "java -version", javaVersion, NONE));
        table.add(row("continuum --version (installed command, warm)", starts[2], "java -version", javaVersion, secondsAtMost(0.25)));
        table.add(row("list, vault of 10,000 sessions (java -cp)", starts[3], "java -version", javaVersion, NONE));
        table.add(row("list, 1,000 sessions (installed command)", starts[4], "java -version", javaVersion, secondsAtMost(0.4)));
        table.add(row("list, 10,000 sessions (installed command)", starts[5], "java -version", javaVersion, NONE));

        // resume into a fresh folder vs clone + checkout, in turns
        String id = lastSessionId();
        Timed resumeCli = resumeIntoNewFolders("resume-", cli, id, env);
        Timed resumeInstalled = resumeIntoNewFolders("resume-i", List.of(bin.resolve("continuum").toString()), id, installed);
        // The workspace's origin is a file:// URL, which git clones as from a server (--no-local); a
        // plain path it clones by hard-linking the objects, as continuum does (the rows below).
        Timed cloneCheckout = cloneIntoNewFolders("clone-", "--no-local " + origin, floorOut);
        double[] resumes = inTurns(resumeCli, resumeInstalled, cloneCheckout);
        double resume = resumes[0];
        table.add(row("resume --no-launch, origin a file:// URL", resume, "git clone + fetch bundle + checkout", resumes[2], NONE));
        table.add(row("  the same (installed command)", resumes[1], "git clone + fetch bundle + checkout", resumes[2], ratioAtMost(1.5)));
        List<String> saveAgain = concat(cli, "save", "--no-push", "--no-wip-push", "--session", agent, "-m", "bench, another origin");
        String pathId = savedWithOrigin(ws, origin.toString(), saveAgain);
        double[] byPath = inTurns(resumeIntoNewFolders("resume-p", List.of(bin.resolve("continuum").toString()), pathId, installed),
                cloneIntoNewFolders("clone-p", origin.toString(), floorOut));
        table.add(row("  the same, origin a plain path (installed)", byPath[0], "the same floor, objects linked", byPath[1],
                ratioAtMost(1.5)));
        resumeFromGitServer(ws, origin, floorOut, saveAgain, bin, installed, table);

        // the same save and resume with an encrypted vault (age for one recipient)
        Map<String, String> encEnv = new HashMap<>(env);
        encEnv.put("CONTINUUM_HOME", root.resolve("vault-enc").toString());
        encEnv.put("CONTINUUM_IDENTITY", root.resolve("identity.txt").toString());
        run(ws, concat(cli, "init", "--encrypt"), encEnv);
        double firstEncrypted = run(ws, concat(cli, "save", "--no-push", "--no-wip-push", "--session", agent, "-m", "bench"), encEnv);
        double saveEnc = median(() -> run(ws, concat(cli, "save", "--no-push", "--no-wip-push", "--session", agent, "-m", "bench"), encEnv));
        table.add(row("save --no-push, encrypted vault, first save", firstEncrypted, "the same save, plain vault", saves[0], NONE));
        table.add(row("save --no-push, encrypted vault, re-save", saveEnc, "the same save, plain vault", saves[0], NONE));
        String encId = lastSessionId(root.resolve("vault-enc"));
        double resumeEnc = median(resumeIntoNewFolders("resume-enc-", cli, encId, encEnv));
        table.add(row("resume --no-launch, encrypted vault", resumeEnc, "the same resume, plain vault", resume, NONE));

        // vault growth on a re-save with 1 MB more transcript
        Path remote = root.resolve("vault-remote.git");
        sh(root, "git init -q --bare " + remote);
        Map<String, String> pushEnv = new HashMap<>(env);
        pushEnv.put("CONTINUUM_REPO_URL", remote.toString());
        run(ws, concat(cli, "save", "--no-wip-push", "--session", agent, "-m", "first push"), pushEnv);
        long before = du(remote);
        appendTranscript(transcript, ws, 1 << 20, new Random(seed + 1));
        run(ws, concat(cli, "save", "--no-wip-push", "--session", agent, "-m", "second push"), pushEnv);
        long added = du(remote) - before;
        long tsize = Files.size(transcript);
        String second = lastSessionId();
        long bundleBytes = Files.size(root.resolve("vault/sessions").resolve(second).resolve("workspace.bundle"));

        System.out.println();
        System.out.printf("%-52s %10s   %-36s %10s %8s   %s%n", "continuum", "seconds", "floor", "seconds", "ratio",
                "target (this run)");
        for (String[] r : table) {
            System.out.printf("%-52s %10s   %-36s %10s %8s   %s%n", (Object[]) r);
        }
        System.out.printf("%-52s %10s   %-36s %10s %8s   %s%n", "re-save after +1 MB transcript: bytes added to remote",
                String.format("%,d", added), "transcript size", String.format("%,d", tsize),
                String.format("%.1f%%", 100.0 * added / tsize), met("< 10%", added < tsize / 10));
        System.out.printf("%-52s %10s   %-36s %10s %8s%n", "  of which the workspace.bundle (untracked binaries)",
                String.format("%,d", bundleBytes), "transcript share of growth", String.format("%,d", added - bundleBytes),
                String.format("%.1f%%", 100.0 * (added - bundleBytes) / tsize));
    }

    /**
     * A save's usual case: a conversation the vault has never held (each run a new one of 30 MB,
     * in a vault of its own), through the installed command, then the same pushed to a bare
     * remote on this machine; next to the re-save of the rows above, which finds its parts held.
     */
    static void firstSaves(Path ws, Path projectDir, Path bin, Map<String, String> installed, double resave,
                           List<String[]> table) throws Exception {
        Random rnd = new Random(seed + 2);
        Map<String, String> local = new HashMap<>(installed);
        local.put("CONTINUUM_HOME", root.resolve("vault-first").toString());
        Path remote = root.resolve("vault-first-remote.git");
        sh(root, "git init -q --bare " + remote);
        Map<String, String> pushing = new HashMap<>(installed);
        pushing.put("CONTINUUM_HOME", root.resolve("vault-first-pushed").toString());
        pushing.put("CONTINUUM_REPO_URL", remote.toString());
        double[] first = inTurns(newConversationSaved(ws, projectDir, bin, local, rnd, "--no-push"),
                newConversationSaved(ws, projectDir, bin, pushing, rnd));
        table.add(row("first save of a new 30 MB conversation (installed)", first[0], "the re-save above", resave, NONE));
        table.add(row("  the same, pushed to a bare remote here", first[1], "the same, --no-push", first[0], NONE));
    }

    static Timed newConversationSaved(Path ws, Path projectDir, Path bin, Map<String, String> environment, Random rnd,
                                      String... options) {
        return () -> {
            String agent = new java.util.UUID(rnd.nextLong(), rnd.nextLong()).toString();
            Path t = projectDir.resolve(agent + ".jsonl");
            appendTranscript(t, ws, 30 << 20, rnd);
            try {
                return run(ws, concat(concat(List.of(bin.resolve("continuum").toString(), "save"), options), "--no-wip-push",
                        "--session", agent, "-m", "a new conversation"), environment);
            } finally {
                Files.delete(t);
            }
        };
    }

    /**
     * The same resume and floor with the origin served by git itself (`git daemon` on 127.0.0.1),
     * as a hosted origin is: cloning a file:// URL runs JGit's server inside the resume, on the
     * same cores, where git's floor runs git's. The session is saved again with that origin.
     */
    static void resumeFromGitServer(Path ws, Path origin, Path floorOut, List<String> save, Path bin,
                                    Map<String, String> installed, List<String[]> table) throws Exception {
        int port;
        try (var free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Process daemon;
        try {
            daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=" + port,
                    "--export-all", "--base-path=" + root, root.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.out.println("(no git daemon: the rows with an origin served by git are skipped)");
            return;
        }
        try {
            if (!listening(port, daemon)) {
                System.out.println("(git daemon did not start: the rows with an origin served by git are skipped)");
                return;
            }
            String url = "git://127.0.0.1:" + port + "/" + root.relativize(origin);
            String id = savedWithOrigin(ws, url, save);
            Timed resume = resumeIntoNewFolders("resume-d", List.of(bin.resolve("continuum").toString()), id, installed);
            double[] r = inTurns(resume, cloneIntoNewFolders("clone-d", url, floorOut));
            table.add(row("  the same, origin served by git daemon", r[0], "the same floor from that server", r[1],
                    ratioAtMost(1.5)));
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    /** Each run resumes the session into a new folder, with a home of its own (no conversation there yet). */
    static Timed resumeIntoNewFolders(String prefix, List<String> command, String id, Map<String, String> environment) {
        int[] n = {0};
        return () -> {
            Path target = Files.createDirectories(root.resolve(prefix + n[0]));
            Map<String, String> e = new HashMap<>(environment);
            e.put("HOME", Files.createDirectories(root.resolve("home-" + prefix + n[0]++)).toString());
            return run(target, concat(command, "resume", id, "--no-launch", "--workspace", target.toString()), e);
        };
    }

    /**
     * A resume's floor: each run, git clones into a new folder, fetches the floor's own bundle (continuum's
     * lists a prerequisite only continuum can rebuild) and checks its snapshot out.
     */
    static Timed cloneIntoNewFolders(String prefix, String cloneFrom, Path floorOut) {
        int[] n = {0};
        return () -> {
            Path target = root.resolve(prefix + n[0]++);
            return sh(root, "git clone -q " + cloneFrom + " " + target + " && cd " + target + " && git fetch -q "
                    + floorOut + "/ws.bundle refs/floor/snapshot && git checkout -q FETCH_HEAD");
        };
    }

    static boolean listening(int port, Process daemon) throws InterruptedException {
        for (int i = 0; i < 100 && daemon.isAlive(); i++) {
            try (var s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        return false;
    }

    /** The session saved once more with the workspace's origin set to url (put back afterwards); its id. */
    static String savedWithOrigin(Path ws, String url, List<String> save) throws Exception {
        String saved = originUrl(ws);
        try {
            sh(ws, "git remote set-url origin '" + url + "'");
            run(ws, save);
        } finally {
            sh(ws, "git remote set-url origin '" + saved + "'");
        }
        return lastSessionId();
    }

    static String originUrl(Path ws) throws IOException {
        try (Git git = Git.open(ws.toFile())) {
            return git.getRepository().getConfig().getString("remote", "origin", "url");
        }
    }

    /** The issue's target for a row, as it reads and whether a figure and its floor meet it. */
    interface Target {
        String check(double seconds, double floor);
    }

    static final Target NONE = (s, f) -> "";
    static final Target FASTER = (s, f) -> met("< 1x", s < f);

    static Target ratioAtMost(double ratio) {
        return (s, f) -> met("≤ " + ratio + "x", s / f <= ratio);
    }

    static Target secondsAtMost(double max) {
        return (s, f) -> met("≤ " + max + " s", s <= max);
    }

    static String met(String target, boolean met) {
        return target + (met ? " ✓" : " ✗");
    }

    static String[] row(String what, double s, String floorWhat, double f, Target target) {
        return new String[] {what, String.format("%.2f", s), floorWhat, String.format("%.2f", f),
                String.format("%.2fx", s / f), target.check(s, f)};
    }

    /** True while a JVM in the background makes the launch folder's archive (its class list is there). */
    static boolean dumping(Path launch) throws IOException {
        try (var files = Files.list(launch)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("classes."));
        }
    }

    interface Timed {
        double seconds() throws Exception;
    }

    /** Each timed run once to warm up, then all of them in turns, N times: the median of each. */
    static double[] inTurns(Timed... ts) throws Exception {
        double[][] v = new double[ts.length][runs];
        for (Timed t : ts) {
            t.seconds();
        }
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < ts.length; k++) {
                v[k][i] = ts[k].seconds();
            }
        }
        double[] medians = new double[ts.length];
        for (int k = 0; k < ts.length; k++) {
            Arrays.sort(v[k]);
            medians[k] = v[k][runs / 2];
        }
        return medians;
    }

    static double median(Timed t) throws Exception {
        t.seconds(); // warm-up
        double[] v = new double[runs];
        for (int i = 0; i < runs; i++) {
            v[i] = t.seconds();
        }
        Arrays.sort(v);
        return v[runs / 2];
    }

    static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** continuum as installed by JBang: the cached jar and its class path, with a small heap. */
    static List<String> cliCommand() throws Exception {
        // Built first: 'jbang info classpath' names the jar of the current sources without making it.
        ProcessBuilder build = new ProcessBuilder(repoRoot.resolve("jbang").toString(), "build",
                repoRoot.resolve("continuum.java").toString()).inheritIO();
        build.environment().putAll(env);
        build.environment().put("HOME", System.getProperty("user.home"));
        if (build.start().waitFor() != 0) {
            throw new IllegalStateException("jbang build failed");
        }
        Path out = Files.createTempFile("cp", ".txt");
        ProcessBuilder pb = new ProcessBuilder(repoRoot.resolve("jbang").toString(), "info", "classpath",
                repoRoot.resolve("continuum.java").toString()).redirectOutput(out.toFile());
        pb.environment().putAll(env);
        pb.environment().put("HOME", System.getProperty("user.home"));
        if (pb.start().waitFor() != 0) {
            throw new IllegalStateException("jbang info classpath failed");
        }
        String cp = Files.readString(out).strip();
        return List.of(javaBin(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmn24m", "-cp", cp, "continuum");
    }

    static double run(Path cwd, List<String> cmd) throws Exception {
        return run(cwd, cmd, env);
    }

    static double run(Path cwd, List<String> cmd, Map<String, String> e) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(e);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long t0 = System.nanoTime();
        int code = pb.start().waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("exit " + code + ": " + cmd);
        }
        return s;
    }

    static double sh(Path cwd, String script) throws Exception {
        return run(cwd, List.of("bash", "-c", script));
    }

    static long du(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static String lastSessionId() throws IOException {
        return lastSessionId(root.resolve("vault"));
    }

    static String lastSessionId(Path vault) throws IOException {
        try (Stream<Path> s = Files.list(vault.resolve("sessions"))) {
            return s.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    static String buildWorkspace(Path origin, Path ws, Path home) throws Exception {
        Random rnd = new Random(seed);
        Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("main").call().close();
        PersonIdent me = new PersonIdent("Bench", "bench@example.com");
        List<Path> files = new ArrayList<>();
        try (Git git = Git.init().setDirectory(ws.toFile()).setInitialBranch("main").call()) {
            for (int i = 0; i < 20_000; i++) {
                Path f = ws.resolve("src/m" + (i % 20) + "/p" + (i / 20 % 25) + "/d" + (i / 500 % 2) + "/F" + i + ".java");
                Files.createDirectories(f.getParent());
                Files.writeString(f, source(rnd, i));
                files.add(f);
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("base").setAuthor(me).setCommitter(me).setSign(false).call();
            git.remoteAdd().setName("origin").setUri(new URIish(origin.toUri().toString())).call();
            git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
            var cfg = git.getRepository().getConfig();
            cfg.setString("branch", "main", "remote", "origin");
            cfg.setString("branch", "main", "merge", "refs/heads/main");
            cfg.save();
            for (int c = 0; c < 5; c++) {
                Files.writeString(files.get(rnd.nextInt(files.size())), "// unpushed " + c + "\n", java.nio.file.StandardOpenOption.APPEND);
                git.add().addFilepattern(".").call();
                git.commit().setMessage("unpushed " + c).setAuthor(me).setCommitter(me).setSign(false).call();
            }
            // A user's workspace is a clone: its history is in a pack, not in 22,000 loose objects.
            git.gc().call();
        }
        for (int i = 0; i < 200; i++) {
            Files.writeString(files.get(rnd.nextInt(files.size())), "// modified " + i + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
        for (int i = 0; i < 50; i++) {
            Files.writeString(ws.resolve("src/m" + i % 20 + "/New" + i + ".java"), source(rnd, 100_000 + i));
        }
        for (int i = 0; i < 10; i++) {
            byte[] b = new byte[1 << 20];
            rnd.nextBytes(b);
            Files.write(ws.resolve("asset" + i + ".bin"), b);
        }
        String agent = new java.util.UUID(rnd.nextLong(), rnd.nextLong()).toString();
        Path t = home.resolve(".claude/projects").resolve(lib.agent.claude.ClaudeCode.encode(ws)).resolve(agent + ".jsonl");
        Files.createDirectories(t.getParent());
        appendTranscript(t, ws, 30 << 20, rnd);
        Path sub = Files.createDirectories(t.resolveSibling(agent).resolve("subagents"));
        for (int i = 0; i < 3; i++) {
            appendTranscript(sub.resolve("agent-" + i + ".jsonl"), ws, 1 << 20, rnd);
        }
        return agent;
    }

    static String source(Random rnd, int i) {
        StringBuilder sb = new StringBuilder("package m;\n\npublic class F" + i + " {\n");
        for (int l = 0; l < 10 + rnd.nextInt(30); l++) {
            sb.append("    int f").append(l).append(" = ").append(rnd.nextInt(1000)).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    /** Entries as Claude Code writes them: each names the folder it ran in (cwd), which a resume elsewhere moves. */
    static void appendTranscript(Path t, Path ws, long bytes, Random rnd) throws IOException {
        String cwd = ",\"cwd\":\"" + ws + "\"";
        String[] words = {"the", "parser", "fails", "on", "nested", "input", "let", "me", "check", "file", "test", "run"};
        try (OutputStream out = Files.newOutputStream(t, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            long written = 0;
            int n = 0;
            while (written < bytes) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 200; w++) {
                    text.append(words[rnd.nextInt(words.length)]).append(' ');
                }
                String line = (n++ % 2 == 0)
                        ? "{\"type\":\"user\",\"uuid\":\"u" + n + "\"" + cwd + ",\"message\":{\"role\":\"user\",\"content\":\"" + text + "\"}}\n"
                        : "{\"type\":\"assistant\",\"uuid\":\"a" + n + "\"" + cwd + ",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\""
                        + text + "\"},{\"type\":\"tool_use\",\"name\":\"Bash\",\"input\":{\"command\":\"ls\"}}]}}\n";
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                out.write(b);
                written += b.length;
            }
        }
    }

    static void makeVault(Path vault, int sessions) throws Exception {
        Files.createDirectories(vault.resolve("sessions"));
        Git.init().setDirectory(vault.toFile()).setInitialBranch("main").call().close();
        for (int i = 0; i < sessions; i++) {
            String id = String.format("session-2026%02d%02d-%02d%02d%02d-%08x", 1 + i % 12, 1 + i % 28, i % 24, i % 60, i / 60 % 60, i);
            Path d = Files.createDirectories(vault.resolve("sessions").resolve(id));
            Files.writeString(d.resolve("metadata.json"), "{\"session_id\":\"" + id + "\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                    + "\"description\":\"session " + i + "\",\"workspace_path\":\"/w/p" + i % 50 + "\",\"hostname\":\"h" + i % 3
                    + "\",\"kernel_version\":\"6\",\"git\":{\"is_repo\":true,\"branch\":\"main\",\"has_uncommitted\":true,"
                    + "\"has_unpushed\":false}}\n");
        }
    }
}
