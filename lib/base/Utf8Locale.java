package lib.base;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * File names are bytes, but the JVM turns them into strings with the locale's charset, fixed at
 * start-up: under LANG=C (cron, ssh, containers) a single non-ASCII name becomes '?' and git
 * cannot find the file. So continuum runs itself again under a UTF-8 locale when it is started
 * under another one.
 */
public final class Utf8Locale {
    private static final String GUARD = "CONTINUUM_UTF8_LOCALE";

    private Utf8Locale() {
    }

    /**
     * The exit status of this program run again under C.UTF-8, or empty when this JVM already
     * reads file names as UTF-8 (or the run again is this one).
     */
    public static Optional<Integer> rerunIfNeeded() {
        String jnu = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (jnu.equalsIgnoreCase("UTF-8") || jnu.equalsIgnoreCase("UTF8") || System.getenv(GUARD) != null) {
            return Optional.empty();
        }
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (info.command().isEmpty() || info.arguments().isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(info.command().get());
        cmd.addAll(List.of(info.arguments().get()));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().put(GUARD, "1");
        try {
            return Optional.of(pb.start().waitFor());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }
}
