package lib.secrets;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value assigned to a variable whose name says it is a secret, in every common syntax:
 * `=`, `:`, `:=`, `::=`, `?=`, `.=`, `+=`, `=>`, `<-`, YAML and JSON keys, env files and
 * `export`, backticks, quotes or none. The name decides how sure a match must be:
 * a password may be a word; a token or secret must look random; a `*_key` must look like a key.
 */
final class Assignments {
    private Assignments() {
    }

    // Each alternative starts with its keyword, so a match starts where the keyword is seen.
    private static final String WORDS = "password|passwd|passphrase|pass|pwd|pw|secret|token"
            + "|key|credentials?|auth|cred|creds|sig|signature|salt|session[_.-]?id";
    // Anchored on the secret word itself (fast to find); the rest of the name is read backwards in accept().
    private static final Pattern PATTERN = Pattern.compile(
            "(?i)(?<name>" + WORDS + ")(?<nq>[\"'`]?)"
                    + "[ \\t]*(?<op>::=|:=|\\?=|\\.=|\\+=|=>|<-|=(?![=~>])|:(?![:/]))[ \\t]*"
                    + "(?:\"(?<s1>(?:[^\"\\\\\\n]|\\\\.){1,300})\"|'(?<s2>[^'\\n]{1,300})'|`(?<s3>[^`\\n]{1,300})`"
                    + "|(?<s4>[^\\s\"'`,;<>(){}\\[\\]\\\\]{1,300}+)(?![(\\[]))");

    private static final Pattern TEMPLATE = Pattern.compile("%[sdvrf]|\\{\\d*}|\\{[A-Za-z_]\\w*}");
    private static final Pattern WORDS_ONLY = Pattern.compile("[A-Za-z_-]+");
    private static final Pattern SHORT_HEX = Pattern.compile("[0-9a-fA-F]{1,31}");
    private static final Pattern FILE_NAME = Pattern.compile(".*[\\w-]\\.[A-Za-z][A-Za-z0-9]{1,4}");
    private static final Set<String> PASSWORD = Set.of("password", "passwd", "passphrase", "pass", "pwd", "pw");
    private static final Set<String> NOT_SECRETS = Set.of("id", "ids", "file", "files", "path", "paths", "name", "names",
            "url", "uri", "type", "types", "len", "length", "count", "size", "timeout", "prefix", "suffix", "env", "var",
            "field", "fields", "header", "param", "params", "hash", "hashed", "format", "mode", "policy", "pattern",
            "regex", "label", "hint", "prompt", "placeholder", "key", "keys", "index", "column", "table", "ref", "limit",
            "expiry", "expires", "ttl", "enabled", "required", "valid", "validator", "reset", "strength", "min", "max",
            "dir", "location", "source", "kind", "algorithm", "alg", "scope", "scopes", "endpoint", "class");

    static Rule rule() {
        return new Rule("secret_assignment", PATTERN, 0, List.of("s1", "s2", "s3", "s4"),
                List.of("pass", "pwd", "pw", "secret", "token", "key", "cred", "auth", "sig", "salt", "session"),
                0, false, Assignments::accept, List.of(), List.of(), 0);
    }

    private static boolean accept(Matcher m, String text, String value) {
        String name = m.group("name");
        int nameStart = m.start("name");
        // The name is the whole identifier: `monkey = ...` is not a `key`, `secretary:` not a `secret`.
        while (nameStart > 0 && isNameChar(text.charAt(nameStart - 1))) {
            nameStart--;
            name = text.charAt(nameStart) + name;
        }
        String kind = kindOf(name);
        if (kind == null) {
            return false;
        }
        boolean quoted = m.group("s4") == null;
        String op = m.group("op");
        boolean quotedName = !m.group("nq").isEmpty(); // "password": ... (not "passwd:gecos", a name inside a string)
        if (op.equals(":") && !ContextRules.colonIsAKey(text, nameStart, quotedName)) {
            return false; // prose like "never store a secret: ..."
        }
        if (ContextRules.isPlaceholder(value) || ContextRules.looksLikeCode(value)
                || ContextRules.lower(value).contains(ContextRules.lower(lastWord(name)))) {
            return false;
        }
        if (!quoted) {
            int after = m.end("s4");
            char next = after < text.length() ? text.charAt(after) : '\n';
            if (next == '.' && after + 1 < text.length() && Character.isLetter(text.charAt(after + 1))) {
                return false; // token.value
            }
            // `password = withPassword;` is code moving a variable; an env file's KEY=value line is not.
            boolean spaced = m.start("op") > m.end("nq") || m.end("op") < m.start("s4");
            if (ContextRules.looksLikeAName(value) && (spaced || ";),".indexOf(next) >= 0)) {
                return false;
            }
        }
        String lower = ContextRules.lower(value);
        if (lower.contains("example") || value.contains("...") || value.contains("…") || TEMPLATE.matcher(value).find()) {
            return false; // documentation, a format string
        }
        if (!kind.equals("password") && (WORDS_ONLY.matcher(value).matches() || SHORT_HEX.matcher(value).matches()
                || value.contains("://") || FILE_NAME.matcher(value).matches() || value.chars().anyMatch(Character::isWhitespace)
                || value.chars().noneMatch(Character::isDigit))) {
            return false; // an identifier, a short hash, a URL, a file, prose: a key has no spaces and some digits
        }
        return switch (kind) {
            case "password" -> value.length() >= 4;
            case "key" -> value.length() >= 16 && Rule.entropy(value) >= 3.5 && !ContextRules.isHashOrIdOrPath(value);
            default -> value.length() >= 8 && Rule.entropy(value) >= 3.0 && !ContextRules.isHashOrIdOrPath(value);
        };
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '$';
    }

    /** password / secret / key, or null when the name only looks like one (max_tokens, api_key_id, keyboard). */
    static String kindOf(String name) {
        List<String> parts = parts(name);
        if (parts.isEmpty()) {
            return null;
        }
        String last = parts.get(parts.size() - 1);
        if (NOT_SECRETS.contains(last) && !(last.equals("key") && parts.size() > 1)) {
            return null;
        }
        if (PASSWORD.contains(last)) {
            return "password";
        }
        if (last.equals("key") || last.equals("apikey")) {
            return parts.size() > 1 && (parts.get(parts.size() - 2).equals("api") || parts.get(parts.size() - 2).equals("secret")
                    || parts.get(parts.size() - 2).equals("private") || parts.get(parts.size() - 2).equals("access"))
                    || last.equals("apikey") ? "secret" : "key";
        }
        if (Set.of("secret", "token", "credential", "credentials", "auth", "cred", "creds", "sig", "signature", "salt")
                .contains(last)) {
            return "secret";
        }
        if (parts.size() > 1 && last.equals("id") && parts.get(parts.size() - 2).equals("session")) {
            return "secret";
        }
        return null;
    }

    /** snake_case, kebab-case, dotted and camelCase words, lower case. */
    static List<String> parts(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
        return List.of(spaced.toLowerCase().split("[\\s_.$-]+")).stream().filter(p -> !p.isEmpty()).toList();
    }

    private static String lastWord(String name) {
        List<String> p = parts(name);
        return p.isEmpty() ? name : p.get(p.size() - 1);
    }
}
