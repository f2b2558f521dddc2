package support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What JGit leaves of its measurement of a disk's file times: the result in the settings under a
 * Java home folder (one `timestampResolution` per disk), and its `.probe-*` files while it measures.
 */
public final class JGitMeasurements {
    private JGitMeasurements() {
    }

    /** JGit's settings under javaHome (what Java's `user.home` names), as text; empty when it has none. */
    public static String settings(Path javaHome) throws IOException {
        Path file = javaHome.resolve(".config/jgit/config");
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }

    /** How many disks JGit keeps a measurement for under javaHome. */
    public static int disksMeasured(Path javaHome) throws IOException {
        return settings(javaHome).split("timestampResolution", -1).length - 1;
    }

    /** JGit's probe files in folder. */
    public static List<Path> probesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".probe-")).toList();
        }
    }
}
