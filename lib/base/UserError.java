package lib.base;

/** A failure the user can act on: printed as one line on stderr, exit status 1, no stack trace. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
