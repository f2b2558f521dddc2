package lib;

/** Turns any exception chain into the one line a user is shown. */
public final class Errors {
    private Errors() {
    }

    public static String oneLine(Throwable t) {
        Throwable root = t;
        String best = t.getMessage();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null && !root.getMessage().isBlank()) {
                best = root.getMessage();
            }
        }
        if (best == null || best.isBlank()) {
            best = root.getClass().getSimpleName();
        }
        return best.replaceAll("\\s+", " ").trim();
    }
}
