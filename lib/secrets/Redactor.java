package lib.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import lib.base.Json;

/**
 * Replaces secrets in text with [REDACTED:&lt;rule&gt;] before anything reaches the vault. One
 * instance per save: it keeps the counts by rule for metadata.json.
 */
public final class Redactor {
    private final RuleSet rules;
    private final Map<String, Integer> counts = new TreeMap<>();

    public Redactor() {
        this(RuleSet.builtIn());
    }

    public Redactor(RuleSet rules) {
        this.rules = rules;
    }

    public RuleSet rules() {
        return rules;
    }

    /** One secret found: the rule, where it is, and its text. */
    public record Finding(String rule, int start, int end, String secret) {
    }

    /** Redacts plain text (a patch line, a description, a string value of a transcript line). */
    public String redact(String text) {
        List<Span> spans = spans(text);
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        for (Span sp : spans) {
            String id = rules.get(sp.rule()).id();
            sb.append(text, last, sp.start()).append("[REDACTED:").append(id).append(']');
            last = sp.end();
            counts.merge(id, 1, Integer::sum);
        }
        return sb.append(text, last, text.length()).toString();
    }

    /**
     * Redacts one transcript line. A line with no secret stays byte-identical. A line with one is
     * redacted inside its decoded JSON string values, so rules see the text the user saw (a token
     * at the start of a line inside a prompt included) and the line stays valid JSON.
     */
    public String redactJsonLine(String line) {
        if ((rules.always().isEmpty() && rules.candidates(line) == null) || spans(JsonText.unescaped(line)).isEmpty()) {
            return line; // the common case: nothing secret in the line, read as the user saw it
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
        int before = total();
        JsonNode cleaned = redactNode(tree);
        if (total() == before) {
            return line;
        }
        try {
            return Json.COMPACT.writeValueAsString(cleaned);
        } catch (IOException e) {
            return redact(line);
        }
    }

    /** redactJsonLine for a line also given as its first len UTF-8 bytes, which are read first. */
    public String redactJsonLine(String line, byte[] utf8, int len) {
        if (rules.always().isEmpty() && !rules.anyKeyword(utf8, len)) {
            return line;
        }
        return redactJsonLine(line);
    }

    /** A JSON line with its escapes decoded, as the user saw its text. */
    public static String decodedJson(String line) {
        return JsonText.unescaped(line);
    }

    /** Every secret in text, in order (for `continuum scan`). */
    public List<Finding> find(String text) {
        List<Finding> out = new ArrayList<>();
        for (Span sp : spans(text)) {
            out.add(new Finding(rules.get(sp.rule()).id(), sp.start(), sp.end(), text.substring(sp.start(), sp.end())));
        }
        return out;
    }

    /** A secret's place in a text and the rule that found it. */
    private record Span(int start, int end, int rule) {
    }

    /** How far past a keyword a match may reach (the longest token shapes are a few hundred characters). */
    private static final int WINDOW = 8192;

    /**
     * The secrets in text, in order, none overlapping; where two rules find the same place, the
     * earlier rule (the more specific) wins. Each rule's pattern is tried only near its keywords.
     */
    private List<Span> spans(String text) {
        return spans(text, false, hits -> rules.hits(text, hits));
    }

    /**
     * strongOnly: only the rules of unmistakable secrets are tried (see strongKind); scan finds
     * the keywords, in text or in the bytes it was made from.
     */
    private List<Span> spans(String text, boolean strongOnly, java.util.function.Consumer<Keywords.Hits> scan) {
        List<Span> found = new ArrayList<>();
        int[] tried = new int[rules.size()];
        java.util.Arrays.fill(tried, -1);
        BitSet anywhere = (BitSet) rules.always().clone();
        scan.accept((ruleIndex, keywordStart) -> {
            Rule rule = rules.get(ruleIndex);
            if (strongOnly && !rule.strong()) {
                return;
            }
            if (rule.lookback() == Rule.ANYWHERE) {
                anywhere.set(ruleIndex);
                return;
            }
            if (keywordStart < tried[ruleIndex]) {
                return; // inside a match this rule already found
            }
            Matcher m = rule.pattern().matcher(text);
            m.useTransparentBounds(true).useAnchoringBounds(false);
            int end = Math.min(text.length(), keywordStart + WINDOW);
            for (int at = Math.max(0, keywordStart - rule.lookback()); at <= keywordStart; at++) {
                m.region(at, end);
                if (m.lookingAt() && accepted(rule, m, text)) {
                    found.add(new Span(rule.start(m), rule.end(m), ruleIndex));
                    tried[ruleIndex] = m.end();
                    break;
                }
            }
        });
        for (int i = anywhere.nextSetBit(0); i >= 0; i = anywhere.nextSetBit(i + 1)) {
            if (strongOnly && !rules.get(i).strong()) {
                continue;
            }
            Matcher m = rules.get(i).pattern().matcher(text);
            while (m.find()) {
                if (accepted(rules.get(i), m, text)) {
                    found.add(new Span(rules.get(i).start(m), rules.get(i).end(m), i));
                }
            }
        }
        if (found.size() < 2) {
            return found;
        }
        found.sort((a, b) -> a.rule() != b.rule() ? Integer.compare(a.rule(), b.rule()) : Integer.compare(a.start(), b.start()));
        List<Span> kept = new ArrayList<>();
        for (Span sp : found) {
            if (kept.stream().noneMatch(k -> sp.start() < k.end() && k.start() < sp.end())) {
                kept.add(sp);
            }
        }
        kept.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return kept;
    }

    /**
     * A position at or before preferred where text can be cut without cutting through a secret,
     * so each side can be redacted on its own.
     */
    public int safeCut(String text, int preferred) {
        int cut = preferred;
        for (Span sp : spans(text)) {
            if (sp.start() < cut && sp.end() > cut) {
                cut = sp.start();
            }
        }
        return cut;
    }

    /**
     * The rule of the first unmistakable secret in a file's content, read as Latin-1 (any byte is
     * a char): a key or token shape, or a user's rule; not a guess from a variable's name. A file
     * holding one stays out of the vault. The guesses are not tried: they cannot keep a file out,
     * and one overlapping a key (a user's rules come after them) would hide the key.
     */
    public String strongKind(byte[] latin1) {
        List<Span> found = spans(new String(latin1, java.nio.charset.StandardCharsets.ISO_8859_1), true,
                hits -> rules.hits(latin1, hits));
        return found.isEmpty() ? null : rules.get(found.get(0).rule()).id();
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

    private boolean accepted(Rule rule, Matcher m, String text) {
        if (!rule.accept(m, text)) {
            return false;
        }
        String secret = text.substring(rule.start(m), rule.end(m));
        return !secret.startsWith("[REDACTED:") && !rules.allowed(secret);
    }
}
