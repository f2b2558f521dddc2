package lib.workspace;

/** What a capture leaves out: secret-looking files (unless includeSecrets) and files over maxFileBytes. */
public record CaptureOptions(boolean includeSecrets, long maxFileBytes) {
    public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;

    public static CaptureOptions defaults() {
        return new CaptureOptions(false, DEFAULT_MAX_FILE_BYTES);
    }
}
