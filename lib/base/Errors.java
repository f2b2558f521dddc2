package lib.base;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Turns any exception chain into the one line a user is shown. */
public final class Errors {
    private Errors() {
    }

    /**
     * What work run on another thread gave, its failure thrown here as this thread's own: a
     * UserError or an IOException as it was, anything else as an IOException.
     */
    public static <T> T joined(CompletableFuture<T> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UserError u) {
                throw u;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(oneLine(cause), cause);
        }
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
