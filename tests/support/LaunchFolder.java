package support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lib.base.FastStart;

/** The installed command's launch folder in a test's cache: waits for what it makes in the background, and reads its archive. */
public final class LaunchFolder {
    private LaunchFolder() {
    }

    /** The launch folder of the checkout under test, in the cache the environment names. */
    public static Path of(Fixture fx, Path cwd, Map<String, String> env) throws IOException {
        return FastStart.dir(fx.env(cwd).with("XDG_CACHE_HOME", env.get("XDG_CACHE_HOME")), Cli.repoRoot().toRealPath());
    }

    /** Waits for the archive a JVM makes in the background after a direct save (or for its .failed mark). */
    public static void awaitArchive(Path launch) throws InterruptedException {
        for (int i = 0; i < 600 && !Files.exists(launch.resolve(FastStart.ARCHIVE))
                && !Files.exists(launch.resolve(FastStart.ARCHIVE + ".failed")); i++) {
            Thread.sleep(200);
        }
    }

    /** Waits until the resume's class list is kept and no archive is being made from it. */
    public static void awaitDump(Path launch) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (var files = Files.list(launch)) {
                if (Files.exists(launch.resolve("classes-resume"))
                        && files.noneMatch(f -> f.getFileName().toString().startsWith("classes."))) {
                    return;
                }
            }
            Thread.sleep(200);
        }
    }

    /** The classes the launch folder's archive holds, one "N: name loader" line each, as the JVM lists them. */
    public static String shared(Path launch) throws Exception {
        Fixture.Result r = Cli.run(List.of(Files.readString(launch.resolve("java")).strip(),
                "-XX:SharedArchiveFile=" + launch.resolve(FastStart.ARCHIVE), "-XX:+PrintSharedArchiveAndExit",
                "-cp", Files.readString(launch.resolve("classpath")).strip()), Map.of(), launch, 300);
        assertEquals(0, r.code(), r.all());
        return r.out();
    }

    /** The archive cut short: the JVM refuses it, as it refuses one made for another JDK build. */
    public static void damage(Path archive) throws IOException {
        byte[] damaged = Arrays.copyOf(Files.readAllBytes(archive), 4096);
        Files.delete(archive); // the archive is read-only
        Files.write(archive, damaged);
    }
}
