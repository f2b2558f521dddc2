package lib.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets known by where they stand rather than by their shape: after "Bearer", in a URL or a
 * curl command, in a Kubernetes Secret, in a .netrc line, and assigned to a variable whose name
 * says it holds one. These are where false positives live (`token = getToken()`, `password: str`,
 * `for (String secret : secrets)`), so each has its own judgement.
 */
final class ContextRules {
    private ContextRules() {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)null|none|nil|true|false|undefined|required|optional|string|str|bool|boolean|int|number|bytes|any|object"
                    + "|os\\.environ.*|process\\.env.*|\\*+|x{3,}|\\.\\.\\.+|<.*>|%s|%v|%\\w+%|\\{\\{.*}}|\\$\\{?[\\w.:-]+}?"
                    + "|changeme|change_?me|example|sample|dummy|placeholder|redacted|\\[redacted.*|your[_-].*|test|secret"
                    + "|password|passwd|token|pass|pwd|pw|value|default|empty|mask(ed)?|hidden|\\.+|-+|_+|[*xX#?]+");
    private static final Pattern DOTTED_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+(?:\\(.*)?");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:0[xX][0-9a-fA-F]+|\\d+(?:\\.\\d+)?)[lLfFdD]?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final Pattern HASH_OR_ID = Pattern.compile(
            "[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PATH = Pattern.compile("(?:[~.]{0,2}/|[A-Za-z]:\\\\)[\\w./\\\\-]*");
    private static final Pattern LEAD = Pattern.compile("[\\s\\-{\\[,]*(?:export\\s+|set\\s+|\\$env:)?");

    static List<Rule> all() {
        return List.of(
                rule("bearer_token", "(?i)(?<![\\w-])bearer\\s+(?<s>[A-Za-z0-9._~+/-]{20,}=*)", ContextRules::notPlaceholder, "bearer"),
                rule("basic_auth", "(?i)(?<![\\w-])basic\\s+(?<s>[A-Za-z0-9+/]{12,}={0,2})(?![A-Za-z0-9+/=])",
                        ContextRules::userColonPassword, "basic"),
                rule("url_credentials", "(?i)\\b[a-z][a-z0-9+.-]*://[^/\\s:@\"'\\\\]*:(?<s>[^/\\s@\"'\\\\\\[]+)@",
                        ContextRules::notPlaceholder, "://").lookback(32),
                rule("curl_credentials", "(?<![\\w-])curl\\b[^\\n]{0,300}?\\s(?:-u|--user)[ =]?[\"']?[^\\s:\"'`]+:(?<s>[^\\s\"'`]{3,})",
                        ContextRules::notPlaceholder, "curl"),
                rule("netrc_password", "(?i)\\bmachine\\s+\\S+\\s+login\\s+\\S+\\s+password\\s+(?<s>\\S+)",
                        ContextRules::notPlaceholder, "machine"),
                rule("kubernetes_secret", "(?m)^[ \\t]+[\\w.-]+:[ \\t]+(?<s>[A-Za-z0-9+/]{12,}={0,2})[ \\t]*$",
                        ContextRules::inKubernetesSecret, "kind: secret").lookback(Rule.ANYWHERE),
                rule("secret_assignment", "(?i)(?:setProperty|setenv|putenv|environ\\[|getenv\\()\\s*\\(?\\s*[\"']"
                                + "(?<name>[\\w.-]*(?:password|passwd|secret|token|key|credential)[\\w.-]*)[\"']\\s*[,\\]]\\s*=?\\s*"
                                + "[\"'](?<s>[^\"'\\n]{3,})[\"']", ContextRules::notPlaceholder,
                        "setproperty", "setenv", "putenv", "environ["),
                rule("secret_assignment", "(?i)(?<![\\w-])--?(?<name>password|passwd|pass|pwd|token|api-?key|secret|client-secret"
                                + "|access-token|auth-token|private-key)[= ](?<q>[\"']?)(?<s>[^\\s\"'`-][^\\s\"'`,;)]{2,})\\k<q>",
                        ContextRules::cliValue, "--pass", "-pass", "--pwd", "--token", "--api", "--secret", "--client-secret",
                        "--access-token", "--auth-token", "--private-key", "-token").lookback(2),
                Assignments.rule());
    }

    static Rule rule(String id, String regex, Rule.Check check, String... keywords) {
        return new Rule(id, Pattern.compile(regex), 0, List.of("s"), List.of(keywords), 0, false, check, List.of(), List.of(), 0);
    }

    static boolean isPlaceholder(String value) {
        String v = value.strip();
        return v.isEmpty() || PLACEHOLDER.matcher(v).matches() || v.startsWith("[REDACTED");
    }

    private static boolean notPlaceholder(Matcher m, String text, String secret) {
        return !isPlaceholder(secret);
    }

    private static boolean userColonPassword(Matcher m, String text, String secret) {
        try {
            String decoded = new String(Base64.getDecoder().decode(secret), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && colon < decoded.length() - 1 && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A value in a `data:` block of a Kubernetes Secret manifest (base64 of the secret). */
    private static boolean inKubernetesSecret(Matcher m, String text, String secret) {
        int kind = text.indexOf("kind: Secret");
        int data = Math.max(text.lastIndexOf("data:", m.start()), text.lastIndexOf("stringData:", m.start()));
        return kind >= 0 && data >= 0 && Rule.entropy(secret) >= 3.0;
    }

    private static boolean cliValue(Matcher m, String text, String secret) {
        return !isPlaceholder(secret) && !secret.startsWith("$") && !looksLikeAName(secret)
                || m.group("q") != null && !m.group("q").isEmpty() && !isPlaceholder(secret);
    }

    /**
     * The variable-name judgement, shared with Assignments: which names hold secrets and what a
     * value must look like for each kind of name.
     */
    static boolean looksLikeCode(String value) {
        String v = value.strip();
        return DOTTED_NAME.matcher(v).matches() || CONSTANT.matcher(v).matches() || v.endsWith("(") || v.contains("()")
                || (v.startsWith("$") && !v.startsWith("$2"));
    }

    static boolean isIdentifierOrNumber(String value) {
        return IDENTIFIER.matcher(value).matches() || NUMBER.matcher(value).matches();
    }

    /** A variable's name rather than a secret: an identifier, short or without a digit (tokens are long and mixed). */
    static boolean looksLikeAName(String value) {
        return NUMBER.matcher(value).matches()
                || IDENTIFIER.matcher(value).matches() && (value.length() < 16 || value.chars().noneMatch(Character::isDigit));
    }

    static boolean isHashOrIdOrPath(String value) {
        return HASH_OR_ID.matcher(value).matches() || PATH.matcher(value).matches() && value.contains("/");
    }

    /** A `name: value` colon counts only where YAML, JSON or an env file would put a key: line start, an item, or quotes. */
    static boolean colonIsAKey(String text, int nameStart, boolean quotedName) {
        int lineStart = text.lastIndexOf('\n', nameStart - 1) + 1;
        return quotedName || LEAD.matcher(text.substring(lineStart, nameStart)).matches();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
