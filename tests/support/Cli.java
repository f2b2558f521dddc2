package support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs continuum as a separate process, the way a user's shell does. */
public final class Cli {
    private Cli() {
    }

    /** The checkout under test: where `./jbang tests/run.java` was started. */
    public static Path repoRoot() {
        String launcher = System.getenv("CONTINUUM_LAUNCHER");
        Path root = launcher != null ? Path.of(launcher).getParent() : Path.of(System.getProperty("user.dir"));
        if (!Files.isRegularFile(root.resolve("continuum.java"))) {
            throw new IllegalStateException("run the tests from the repository root (no continuum.java in " + root + ")");
        }
        return root;
    }

    /**
     * The environment for a child: the fixture's variables, plus where this machine keeps JBang
     * and Maven artifacts, so a fresh HOME does not download them again.
     */
    /** Whether a command is on this test run's PATH. */
    public static boolean onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }

    public static Map<String, String> childEnv(Fixture fx) {
        Map<String, String> env = new java.util.HashMap<>(fx.vars());
        String realHome = System.getProperty("user.home");
        env.putIfAbsent("JBANG_DIR", System.getenv().getOrDefault("JBANG_DIR", realHome + "/.jbang"));
        env.putIfAbsent("JBANG_REPO", System.getenv().getOrDefault("JBANG_REPO", realHome + "/.m2/repository"));
        env.putIfAbsent("XDG_CACHE_HOME", System.getenv().getOrDefault("XDG_CACHE_HOME", realHome + "/.cache"));
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        env.putIfAbsent("LANG", System.getenv().getOrDefault("LANG", "C.UTF-8"));
        return env;
    }

    /** `./jbang continuum.java ARGS` with no stdin, as CI and Claude Code's bash tool run it. */
    public static Fixture.Result viaJbang(Fixture fx, Path cwd, String... args) throws Exception {
        Path root = repoRoot();
        List<String> cmd = new ArrayList<>(List.of(root.resolve("jbang").toString(), root.resolve("continuum.java").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, childEnv(fx), cwd, 300);
    }

    /** The CLI in a child JVM on this test's class path (fast; used where a process must be killed). */
    public static ProcessBuilder javaProcess(Fixture fx, Path cwd, String... args) {
        return javaProcess(fx, cwd, List.of(), args);
    }

    /** As javaProcess, with options for the JVM itself (a small heap, say). */
    public static ProcessBuilder javaProcess(Fixture fx, Path cwd, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "continuum"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(childEnv(fx));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb;
    }

    /** Runs a program that may never end by itself (a client waiting for a network): stopped after seconds. */
    public static Fixture.Result runFor(List<String> cmd, Map<String, String> env, Path cwd, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = Files.createTempFile("cli-out", ".txt");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
        Fixture.Result r = new Fixture.Result(p.isAlive() ? -1 : p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), "");
        Files.delete(out);
        return r;
    }

    public static Fixture.Result run(List<String> cmd, Map<String, String> env, Path cwd, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + cmd);
        }
        Fixture.Result r = new Fixture.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
