package lib;

import java.io.IOException;
import java.nio.file.Path;

/** Where Claude Code keeps its files: config dir, per-project transcripts, live-session pid files. */
public final class ClaudeCode {
    private final Path configDir;

    public ClaudeCode(Path configDir) {
        this.configDir = configDir;
    }

    public static ClaudeCode of(Env env) {
        return new ClaudeCode(env.claudeDir());
    }

    public Path configDir() {
        return configDir;
    }

    public Path projectsDir() {
        return configDir.resolve("projects");
    }

    public Path sessionsDir() {
        return configDir.resolve("sessions");
    }

    public Path commandsDir() {
        return configDir.resolve("commands");
    }

    /** Claude Code names a project's folder by its real path with every non-alphanumeric char as '-'. */
    public static String encode(Path workspace) {
        return realPath(workspace).toString().replaceAll("[^A-Za-z0-9]", "-");
    }

    public Path projectDir(Path workspace) {
        return projectsDir().resolve(encode(workspace));
    }

    public static Path realPath(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }
}
