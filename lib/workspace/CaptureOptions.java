package lib.workspace;

import lib.secrets.RuleSet;

/**
 * What a capture leaves out: secret-looking files (unless includeSecrets), files over
 * maxFileBytes, and files whose content one of the rules finds a key or token in.
 */
public record CaptureOptions(boolean includeSecrets, long maxFileBytes, RuleSet rules) {
    public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;

    public CaptureOptions(boolean includeSecrets, long maxFileBytes) {
        this(includeSecrets, maxFileBytes, RuleSet.builtIn());
    }

    public static CaptureOptions defaults() {
        return new CaptureOptions(false, DEFAULT_MAX_FILE_BYTES);
    }

    public CaptureOptions withRules(RuleSet rules) {
        return new CaptureOptions(includeSecrets, maxFileBytes, rules);
    }
}
