package lib.base;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Work on another thread beside this one's (the transcript beside the git capture, the patch
 * beside the bundle, the large files beside the bundle's read, the conversation beside the
 * clone): started here, waited for here, and its failure thrown here as this thread's own.
 */
public final class Background {
    private Background() {
    }

    /** Work that fails as continuum's own steps do: with an IOException or a UserError. */
    public interface Work<T> {
        T call() throws IOException;
    }

    public static <T> CompletableFuture<T> start(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * What the work gave, its failure thrown here: a UserError or an IOException as it was,
     * anything else as an IOException.
     */
    public static <T> T join(CompletableFuture<T> f) throws IOException {
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
            throw new IOException(Errors.oneLine(cause), cause);
        }
    }

    /** Waits for the work to end, whatever it gives: after a failure here, nothing is left half done. */
    public static void settle(CompletableFuture<?> f) {
        f.handle((result, failure) -> null).join();
    }
}
