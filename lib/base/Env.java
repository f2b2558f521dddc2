package lib.base;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The process environment as the tool sees it. Everything reads variables, the home directory
 * and the working directory through here so tests can run many "users" in one JVM.
 */
public final class Env {
    private final Map<String, String> vars;
    private final Path cwd;
    private final boolean interactive;
    private final InputStream stdin;

    public Env(Map<String, String> vars, Path cwd, boolean interactive) {
        this(vars, cwd, interactive, System.in);
    }

    public Env(Map<String, String> vars, Path cwd, boolean interactive, InputStream stdin) {
        this.vars = Map.copyOf(vars);
        this.cwd = cwd.toAbsolutePath().normalize();
        this.interactive = interactive;
        this.stdin = stdin;
    }

    public static Env system() {
        return new Env(System.getenv(), Path.of(System.getProperty("user.dir")), System.console() != null);
    }

    /** What the user types; read only when interactive() is true. */
    public InputStream stdin() {
        return stdin;
    }

    public String get(String name) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    public Map<String, String> vars() {
        return vars;
    }

    /** An executable file called name in a PATH folder, or null. */
    public Path findOnPath(String name) {
        for (String dir : get("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (java.nio.file.Files.isExecutable(p) && !java.nio.file.Files.isDirectory(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    public Path home() {
        return Path.of(get("HOME", System.getProperty("user.home")));
    }

    public Path cwd() {
        return cwd;
    }

    /** True when stdin and stdout are a terminal: only then may anything wait for the user. */
    public boolean interactive() {
        return interactive;
    }

    public Env with(String name, String value) {
        Map<String, String> copy = new HashMap<>(vars);
        copy.put(name, value);
        return new Env(copy, cwd, interactive, stdin);
    }

    public Path vaultDir() {
        return dir("CONTINUUM_HOME", ".continuum");
    }

    /** continuum's cache folder (the installed command's launch files live there). */
    public Path cacheDir() {
        return dir("XDG_CACHE_HOME", ".cache").resolve("continuum");
    }

    /** A folder named by a variable, else the given default under the home folder. */
    public Path dir(String variable, String underHome) {
        String v = get(variable);
        return v != null ? Path.of(v).toAbsolutePath().normalize() : home().resolve(underHome);
    }
}
