package lib.agent.claude;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lib.base.FileUtil;
import lib.base.Json;

/**
 * How Claude Code names a project's folder under projects/: the real path with every character
 * outside [A-Za-z0-9] (each UTF-16 unit) replaced by '-'; past 200 characters, the first 200 and
 * '-' and a short hash of the path (Java's String.hashCode in base 36, as Claude Code computes it).
 */
final class ProjectNames {
    private static final int MAX = 200;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ProjectNames() {
    }

    static boolean isUuid(String s) {
        return s != null && UUID.matcher(s).matches();
    }

    static String encode(Path workspace) {
        String path = FileUtil.realPath(workspace).toString();
        StringBuilder b = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            b.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '-');
        }
        if (b.length() <= MAX) {
            return b.toString();
        }
        return b.substring(0, MAX) + "-" + Long.toString(Math.abs((long) path.hashCode()), 36);
    }

    /**
     * The project folder for workspace. When the computed name is not there but a long name with
     * the same 200-character start is, the one whose transcripts name this workspace as cwd wins.
     */
    static Path folderFor(Path projectsDir, Path workspace) {
        String name = encode(workspace);
        Path computed = projectsDir.resolve(name);
        if (name.length() <= MAX || Files.isDirectory(computed) || !Files.isDirectory(projectsDir)) {
            return computed;
        }
        String prefix = name.substring(0, MAX + 1);
        String cwd = FileUtil.realPath(workspace).toString();
        try (Stream<Path> dirs = Files.list(projectsDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .filter(d -> namesCwd(d, cwd)).findFirst().orElse(computed);
        } catch (IOException e) {
            return computed;
        }
    }

    private static boolean namesCwd(Path projectDir, String cwd) {
        try (Stream<Path> files = Files.list(projectDir)) {
            List<Path> jsonl = files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).limit(5).toList();
            for (Path f : jsonl) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    for (int i = 0; i < 20 && (line = r.readLine()) != null; i++) {
                        if (line.contains("\"cwd\"") && cwd.equals(Json.COMPACT.readTree(line).path("cwd").asText(null))) {
                            return true;
                        }
                    }
                } catch (IOException | RuntimeException ignored) {
                    // an unreadable transcript says nothing about its project
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
