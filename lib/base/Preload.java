package lib.base;

/**
 * Loads classes on a thread of their own. Jackson alone is a few hundred classes, a fifth of a
 * second on a slow machine: a verb that will need it soon starts it on the other core first.
 */
public final class Preload {
    private Preload() {
    }

    /** Initialises the classes on a daemon thread (naming a class literal does not initialise it). */
    public static void of(Class<?>... classes) {
        Thread t = new Thread(() -> {
            for (Class<?> c : classes) {
                try {
                    Class.forName(c.getName(), true, c.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    // the thread that needs it will load it and report any problem
                }
            }
        }, "preload");
        t.setDaemon(true);
        t.start();
    }
}
