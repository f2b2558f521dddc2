package lib.base;

import java.lang.management.ManagementFactory;

/**
 * With CONTINUUM_PROFILE set, save and resume print each step on standard error with the
 * milliseconds since the JVM started: where the time goes on the user's own machine.
 */
public final class Profile {
    private static final boolean ON = System.getenv("CONTINUUM_PROFILE") != null;

    private Profile() {
    }

    public static void mark(String step) {
        if (ON) {
            System.err.printf("[profile] %6d ms  %s (%s)%n", ManagementFactory.getRuntimeMXBean().getUptime(), step,
                    Thread.currentThread().getName());
        }
    }
}
