package support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import commands.Continuum;
import lib.base.Env;
import lib.base.FileUtil;

/**
 * One pretend user: a temporary HOME (with ~/.claude and the vault inside), environment variables,
 * and a way to run the CLI in-process and read what it printed.
 */
public final class Fixture implements AutoCloseable {
    public final Path root;
    public final Path home;
    private final Map<String, String> vars = new HashMap<>();
    private final java.util.List<Path> elsewhere = new java.util.ArrayList<>();

    public Fixture() throws IOException {
        root = Files.createTempDirectory("continuum-test-").toRealPath();
        home = Files.createDirectories(root.resolve("home"));
        vars.put("HOME", home.toString());
        vars.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        vars.put("CCC_HOST_HOSTNAME", "testhost");
        vars.put("CCC_HOST_KERNEL", "6.1.0-test");
    }

    public Fixture set(String name, String value) {
        if (value == null) {
            vars.remove(name);
        } else {
            vars.put(name, value);
        }
        return this;
    }

    public Map<String, String> vars() {
        return Map.copyOf(vars);
    }

    public Env env(Path cwd) {
        return new Env(vars, cwd, false);
    }

    public Path vault() {
        return home.resolve(".continuum");
    }

    public Path claude() {
        return home.resolve(".claude");
    }

    /**
     * The project most tests start from: a workspace with every kind of change
     * (Repos.everyKindOfChange) at root/ws, its origin at root/origin.git.
     */
    public Path project() throws Exception {
        Path ws = root.resolve("ws");
        Repos.everyKindOfChange(root.resolve("origin.git"), ws).close();
        return ws;
    }

    /** A bare repository for the vault's remote, made on first use. */
    public Path vaultRemote() throws Exception {
        Path remote = root.resolve("vault-remote.git");
        return Files.isDirectory(remote) ? remote : Repos.bare(remote);
    }

    /** vaultRemote(), set as this user's CONTINUUM_REPO_URL. */
    public Path useVaultRemote() throws Exception {
        Path remote = vaultRemote();
        set("CONTINUUM_REPO_URL", remote.toString());
        return remote;
    }

    public Path dir(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    /**
     * A folder of this user's on a second disk (the tmpfs at /dev/shm, when root is elsewhere),
     * removed with the rest; the test is skipped, saying why, where there is none.
     */
    public Path dirOnAnotherDisk(String name) throws IOException {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && !Files.getFileStore(shm).equals(Files.getFileStore(root)), "no second disk here (/dev/shm is not one)");
        Path d = Files.createTempDirectory(shm, "continuum-test-").toRealPath();
        elsewhere.add(d);
        return Files.createDirectories(d.resolve(name));
    }

    /** What one CLI run printed and returned. */
    public record Result(int code, String out, String err) {
        public String all() {
            return out + err;
        }

        /** The id from the "Session ID: ..." line every save prints. */
        public String sessionId() {
            var m = java.util.regex.Pattern.compile("Session ID: (session-\\d{8}-\\d{6}-[0-9a-f]{8})").matcher(out);
            if (!m.find()) {
                throw new AssertionError("no Session ID line in: " + out + err);
            }
            return m.group(1);
        }
    }

    public Result run(Path cwd, String... args) {
        return run(new Env(vars, cwd, false), args);
    }

    /** As if typed at a terminal: stdin is a TTY and holds the given answers. */
    public Result runAtTerminal(Path cwd, String typed, String... args) {
        return run(new Env(vars, cwd, true, new java.io.ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8))), args);
    }

    private Result run(Env env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        int code = Continuum.run(env, o, e, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        FileUtil.deleteTree(root);
        for (Path d : elsewhere) {
            FileUtil.deleteTree(d);
        }
    }
}
