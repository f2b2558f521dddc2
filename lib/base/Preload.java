package lib.base;

/**
 * Warms caches on a thread of its own. Jackson alone is a few hundred classes and a reflective
 * look at every record it reads, a third of a second on a slow machine: a verb starts that on
 * the other core while picocli builds its model on this one.
 */
public final class Preload {
    private Preload() {
    }

    /** Runs warmUp on a daemon thread; its failures are ignored (the thread that needs the work redoes it and reports). */
    public static void inBackground(Runnable warmUp) {
        Thread t = new Thread(() -> {
            try {
                warmUp.run();
            } catch (RuntimeException | LinkageError e) {
                // nothing was promised
            }
        }, "preload");
        t.setDaemon(true);
        t.start();
    }
}
