package lib.base;

/**
 * Test-only pause points: with CONTINUUM_TEST_PAUSE_AT=<step> a save stops at that step for
 * CONTINUUM_TEST_PAUSE_MS, so a test can kill it there with SIGKILL. Unset, it costs nothing.
 */
public final class TestHooks {
    private TestHooks() {
    }

    private static final long START = System.nanoTime();

    public static void pauseAt(String step, Env env) {
        if (env.get("CONTINUUM_TIMING") != null) {
            System.err.printf("timing %-20s %6d ms%n", step, (System.nanoTime() - START) / 1_000_000);
        }
        if (!step.equals(env.get("CONTINUUM_TEST_PAUSE_AT"))) {
            return;
        }
        System.err.println("paused at " + step);
        System.err.flush();
        try {
            Thread.sleep(Long.parseLong(env.get("CONTINUUM_TEST_PAUSE_MS", "60000")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
