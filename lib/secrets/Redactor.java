package lib.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import lib.base.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text with [REDACTED:kind] before anything reaches the vault. One instance
 * per save: it keeps the counts by kind for metadata.json.
 */
public final class Redactor {

    /** A pattern, the group it replaces, and lowercase literals one of which any match contains. */
    private record Rule(String kind, Pattern pattern, int group, String... hints) {
        boolean mayMatch(String lower) {
            for (String h : hints) {
                if (lower.contains(h)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final String KEY_WORDS =
            "password|passwd|passphrase|secret[_-]?key|client[_-]?secret|secret|token|api[_-]?key|apikey"
                    + "|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?";

    // Specific token shapes first, so a later assignment rule sees [REDACTED:...] and leaves it.
    private static final List<Rule> RULES = List.of(
            new Rule("private_key", Pattern.compile(
                    "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:\\s|\\\\[rn])*[A-Za-z0-9+/=]{20}[\\s\\S]*?"
                            + "(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)"), 0, "private key"),
            new Rule("aws_access_key", Pattern.compile("\\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\\b"), 0,
                    "akia", "asia", "abia", "acca"),
            new Rule("aws_secret_key", Pattern.compile(
                    "(?i)(aws_?secret_?(?:access_?)?key|aws_?secret)(\\\\?[\"']?\\s*[:=]+\\s*\\\\?[\"']?)"
                            + "([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"), 3, "aws"),
            new Rule("github_token", Pattern.compile(
                    "\\b(?:(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\\b"), 0,
                    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
            new Rule("gitlab_token", Pattern.compile("\\bgl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}"), 0,
                    "glpat-", "gldt-", "glrt-", "glptt-"),
            new Rule("slack_token", Pattern.compile(
                    "\\bxox[abposr]-[A-Za-z0-9-]{10,}|https://hooks\\.slack\\.com/services/[A-Za-z0-9/_-]+"), 0,
                    "xox", "hooks.slack.com"),
            new Rule("stripe_key", Pattern.compile("\\b(?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{10,}"), 0, "_live_", "_test_"),
            new Rule("anthropic_key", Pattern.compile("\\bsk-ant-[A-Za-z0-9_-]{20,}"), 0, "sk-ant-"),
            new Rule("openai_key", Pattern.compile(
                    "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"), 0, "sk-"),
            new Rule("google_api_key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"), 0, "aiza"),
            new Rule("jwt", Pattern.compile(
                    "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), 0, "eyj"),
            new Rule("bearer_token", Pattern.compile("(?i)\\b(bearer)\\s+([A-Za-z0-9._~+/-]{20,}=*)"), 2, "bearer"),
            new Rule("url_credentials", Pattern.compile(
                    "(?i)\\b([a-z][a-z0-9+.-]*://[^/\\s:@\"'\\\\]*):([^/\\s@\"'\\\\\\[]+)@"), 2, "://"),
            // Anchored on the key word; the rest of the key name is checked in accept().
            new Rule("secret_assignment", Pattern.compile(
                    "(?i)(" + KEY_WORDS + ")"
                            + "(\\\\?[\"']?\\s*(?::=|=>|:|=(?![=~]))\\s*\\\\?[\"']?)"
                            + "([^\\s\"'`,;<>(){}\\[\\]$\\\\]{4,}+)(?![(\\[])"), 3,
                    "pass", "secret", "token", "key", "credential"));

    private static final Pattern DOTTED_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)null|none|nil|true|false|undefined|required|optional|string|str|bool|int|number|os\\.environ.*"
                    + "|process\\.env.*|\\*+|x+|\\.\\.\\.+|<.*>|%s|changeme|redacted");

    private static final Pattern URL_PLACEHOLDER = Pattern.compile(
            "(?i)<.*>|\\$\\{?\\w+}?|\\*+|x+|pass(word|wd)?|secret|token|pw|pwd|redacted|\\[redacted.*");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z_]*");
    private static final Pattern NUMBER = Pattern.compile("(?:0[xX][0-9a-fA-F]+|\\d+)[lL]?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LEAD = Pattern.compile("[\\s\\-{\\[,]*(?:export\\s+)?");

    private final Map<String, Integer> counts = new TreeMap<>();

    /** Redacts plain text (a patch line, a description). */
    public String redact(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String result = text;
        for (Rule rule : RULES) {
            if (rule.mayMatch(lower)) {
                result = apply(rule, result);
            }
        }
        return result;
    }

    /**
     * Redacts one transcript line. Lines with no secret stay byte-identical. A line with a secret
     * is redacted inside its JSON string values, so the line is still valid JSON.
     */
    public String redactJsonLine(String line) {
        if (!containsSecret(line)) {
            return line;
        }
        JsonNode tree;
        try {
            tree = Json.COMPACT.readTree(line);
        } catch (IOException e) {
            tree = null;
        }
        if (tree == null || !(tree.isObject() || tree.isArray())) {
            return redact(line); // a cut or broken line: redact the raw text
        }
        JsonNode cleaned = redactNode(tree);
        try {
            return Json.COMPACT.writeValueAsString(cleaned);
        } catch (IOException e) {
            return redact(line);
        }
    }

    public boolean containsSecret(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (Rule rule : RULES) {
            if (!rule.mayMatch(lower)) {
                continue;
            }
            Matcher m = rule.pattern.matcher(text);
            while (m.find()) {
                if (accept(rule, m, text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A position at or before preferred where text can be cut without cutting through a secret,
     * so each side can be redacted on its own.
     */
    public int safeCut(String text, int preferred) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int cut = preferred;
        for (int pass = 0; pass < 2; pass++) {
            for (Rule rule : RULES) {
                if (!rule.mayMatch(lower)) {
                    continue;
                }
                Matcher m = rule.pattern.matcher(text);
                while (m.find() && m.start() < cut) {
                    if (m.end() > cut) {
                        cut = m.start();
                    }
                }
            }
        }
        return cut;
    }

    /**
     * The kind of the first unmistakable secret in text (a key or token shape, not a
     * `password=` guess), or null. Used to keep files that hold one out of the vault.
     */
    public static String strongSecretKind(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (Rule rule : RULES) {
            if (rule.kind.equals("secret_assignment") || rule.kind.equals("bearer_token") || !rule.mayMatch(lower)) {
                continue;
            }
            if (rule.pattern.matcher(text).find()) {
                return rule.kind;
            }
        }
        return null;
    }

    /** Adds another redactor's counts to this one (each thread redacts with its own). */
    public void absorb(Redactor other) {
        other.counts.forEach((k, v) -> counts.merge(k, v, Integer::sum));
    }

    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    private JsonNode redactNode(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            String red = redact(text);
            return red.equals(text) ? node : TextNode.valueOf(red);
        }
        if (node instanceof ObjectNode obj) {
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                e.setValue(redactNode(e.getValue()));
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, redactNode(arr.get(i)));
            }
        }
        return node;
    }

    private String apply(Rule rule, String text) {
        Matcher m = rule.pattern.matcher(text);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            if (!accept(rule, m, text)) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            int start = m.start(rule.group);
            int end = m.end(rule.group);
            sb.append(text, last, start).append("[REDACTED:").append(rule.kind).append(']');
            last = end;
            counts.merge(rule.kind, 1, Integer::sum);
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, last, text.length()).toString();
    }

    // Assignments are where false positives live: `token = getToken()`, `password: str`, `key=self.key`,
    // `for (String secret : secrets)`, prose like "never store a secret: ...".
    private static boolean accept(Rule rule, Matcher m, String text) {
        if (rule.kind.equals("url_credentials")) {
            return !URL_PLACEHOLDER.matcher(m.group(2)).matches();
        }
        if (!rule.kind.equals("secret_assignment")) {
            return true;
        }
        String value = m.group(3);
        if (DOTTED_NAME.matcher(value).matches() || PLACEHOLDER.matcher(value).matches()) {
            return false;
        }
        int keyStart = m.start(1);
        while (keyStart > 0 && isKeyChar(text.charAt(keyStart - 1))) {
            keyStart--;
        }
        String sep = m.group(2);
        boolean quotedKey = sep.startsWith("\"") || sep.startsWith("'") || sep.startsWith("\\");
        boolean quotedValue = sep.endsWith("\"") || sep.endsWith("'");
        if (sep.contains(":") && !sep.contains("=")) {
            // A colon is a key only where YAML, JSON or env-style text puts one: at the start of a
            // line or item, or in quotes.
            int lineStart = text.lastIndexOf('\n', keyStart) + 1;
            if (!quotedKey && !LEAD.matcher(text.substring(lineStart, keyStart)).matches()) {
                return false;
            }
        }
        if (CONSTANT.matcher(value).matches() || value.toLowerCase(java.util.Locale.ROOT)
                .contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
            return false; // PRIVATE_KEY = "PRIVATE KEY", token: INVALID_NMTOKEN
        }
        if (!quotedValue && (IDENTIFIER.matcher(value).matches() || NUMBER.matcher(value).matches())) {
            // `password = withPassword;` is code moving a variable; an env file's KEY=value line is not.
            int after = m.end(3);
            boolean statement = after < text.length() && ";),".indexOf(text.charAt(after)) >= 0;
            if (sep.contains(" ") || statement) {
                return false;
            }
        }
        int after = m.end(3);
        return after >= text.length() || text.charAt(after) != '.';
    }
}
