package support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real agent clients from npm, installed once into a cache (XDG_CACHE_HOME or ~/.cache) and
 * run offline: their API points at a closed port on 127.0.0.1, so they fail to reach a model but
 * still write and read their session files. Without npm or the registry, a test using one is
 * skipped and says why.
 */
public final class AgentClients {
    public static final String CLAUDE_CODE = "@anthropic-ai/claude-code@2.1.331";
    public static final String CODEX = "@openai/codex@0.169.0";
    public static final String GEMINI = "@google/gemini-cli@0.61.0";

    private AgentClients() {
    }

    private static Path cache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("continuum-tests").resolve("npm");
    }

    /** Why an install failed in this run: later tests skip at once instead of trying again. */
    private static final Map<String, String> FAILED = new java.util.HashMap<>();

    /** The client's folder with node_modules, installing it on first use. */
    public static synchronized Path install(String spec) throws Exception {
        Path dir = cache().resolve(spec.replaceAll("[^A-Za-z0-9.-]", "_"));
        Path done = dir.resolve(".installed");
        if (Files.isRegularFile(done)) {
            return dir;
        }
        Assumptions.assumeTrue(!FAILED.containsKey(spec), FAILED.get(spec));
        Assumptions.assumeTrue(Cli.onPath("npm"), "npm is not installed: the real " + spec + " client cannot be used");
        Files.createDirectories(dir);
        // Installed as a project in its own folder rather than with --prefix: --prefix also moves
        // npm's global settings file, and with it the machine's certificate authority (cafile).
        if (!Files.exists(dir.resolve("package.json"))) {
            Files.writeString(dir.resolve("package.json"), "{\"private\": true}\n");
        }
        ProcessBuilder pb = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", spec).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("npm-install.log").toFile());
        Process p = pb.start();
        boolean finished = p.waitFor(900, TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (!finished || p.exitValue() != 0) {
            FAILED.put(spec, "npm could not install " + spec + (finished ? "" : " within 15 minutes")
                    + " (registry unreachable?): see " + dir.resolve("npm-install.log"));
            Assumptions.abort(FAILED.get(spec));
        }
        Files.writeString(done, spec + "\n");
        return dir;
    }

    /**
     * Installs the clients before any test runs (run.java calls it), so that a first, slow
     * download counts against no test's time limit. What cannot be installed is said here, and
     * the tests that need it skip saying so.
     */
    public static void prefetch(java.io.PrintStream log) {
        List<String> specs = new java.util.ArrayList<>(List.of(CLAUDE_CODE, CODEX));
        if (nodeMajor() >= 20) {
            specs.add(GEMINI);
        }
        for (String spec : specs) {
            Path dir = cache().resolve(spec.replaceAll("[^A-Za-z0-9.-]", "_"));
            if (Files.isRegularFile(dir.resolve(".installed")) || !Cli.onPath("npm")) {
                continue;
            }
            log.println("installing the real " + spec + " client from npm into " + dir + " (once; cached) ...");
            try {
                install(spec);
            } catch (org.opentest4j.TestAbortedException e) {
                log.println("  " + e.getMessage());
            } catch (Exception e) {
                log.println("  could not install " + spec + ": " + e);
            }
        }
    }

    /** The Claude Code executable (its native binary, which the npm package carries). */
    public static Path claude() throws Exception {
        Path dir = install(CLAUDE_CODE);
        for (Path p : List.of(dir.resolve("node_modules/@anthropic-ai/claude-code-linux-x64/claude"),
                dir.resolve("node_modules/@anthropic-ai/claude-code/bin/claude.exe"), dir.resolve("node_modules/.bin/claude"))) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Assumptions.abort("the installed " + CLAUDE_CODE + " has no executable for this platform");
        return null;
    }

    /** The Codex CLI executable. */
    public static Path codex() throws Exception {
        Path bin = install(CODEX).resolve("node_modules/.bin/codex");
        Assumptions.assumeTrue(Files.isExecutable(bin), "the installed " + CODEX + " has no codex command");
        return bin;
    }

    /** The Gemini CLI command (a Node script: it needs Node 20 or later on PATH). */
    public static Path gemini() throws Exception {
        Assumptions.assumeTrue(nodeMajor() >= 20, "Gemini CLI needs Node 20 or later; this machine's node is "
                + (nodeMajor() < 0 ? "missing" : "version " + nodeMajor()));
        Path bin = install(GEMINI).resolve("node_modules/.bin/gemini");
        Assumptions.assumeTrue(Files.isExecutable(bin), "the installed " + GEMINI + " has no gemini command");
        return bin;
    }

    /**
     * Variables that point Gemini CLI at a closed port with an API key chosen in its settings, and
     * trust the workspace: it writes its chat, then retries the model until it is stopped.
     */
    public static Map<String, String> offlineGemini(Path home) throws IOException {
        Files.createDirectories(home.resolve(".gemini"));
        Path settings = home.resolve(".gemini/settings.json");
        if (!Files.exists(settings)) {
            Files.writeString(settings, "{\"security\":{\"auth\":{\"selectedType\":\"gemini-api-key\"}}}\n");
        }
        return Map.of("GEMINI_API_KEY", "offline-test-key", "GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:9",
                "GEMINI_CLI_TRUST_WORKSPACE", "true");
    }

    private static int nodeMajor() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return Integer.parseInt(v.replaceFirst("^v(\\d+).*", "$1"));
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return -1;
        }
    }

    /** A Codex home whose model provider is a closed port on 127.0.0.1 (Codex still writes its rollouts). */
    public static Path offlineCodexHome(Path home) throws IOException {
        Path codex = home.resolve(".codex");
        Files.createDirectories(codex);
        Files.writeString(codex.resolve("config.toml"), """
                model_provider = "offline"
                model = "gpt-5"
                [model_providers.offline]
                name = "offline"
                base_url = "http://127.0.0.1:9/v1"
                env_key = "OPENAI_API_KEY"
                wire_api = "responses"
                request_max_retries = 0
                stream_max_retries = 0
                """);
        return codex;
    }

    /** Variables that keep a client offline and quick: a closed API port, no retries, no telemetry. */
    public static Map<String, String> offline() {
        return Map.of("ANTHROPIC_BASE_URL", "http://127.0.0.1:9", "ANTHROPIC_API_KEY", "sk-ant-test-offline",
                "CLAUDE_CODE_MAX_RETRIES", "0", "DISABLE_TELEMETRY", "1", "DISABLE_AUTOUPDATER", "1",
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    }

    /** A `continuum` command on PATH in dir that runs this test's classes (what `continuum install` writes, minus JBang). */
    public static Path continuumCommand(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path cmd = dir.resolve("continuum");
        Files.writeString(cmd, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' continuum \"$@\"\n");
        cmd.toFile().setExecutable(true);
        return cmd;
    }
}
