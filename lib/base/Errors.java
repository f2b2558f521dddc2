package lib.base;

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
        // JGit puts the remote's URL in many messages; a password or token in it must not be shown.
        return best.replaceAll("\\s+", " ").replaceAll("(\\w+://)[^/\\s:@]+:[^/\\s@]+@", "$1").trim();
    }
}
