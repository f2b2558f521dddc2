package lib.secrets;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import lib.base.About;
import lib.base.Hashes;

/**
 * The rules a redaction applies, with the keyword automaton that tells which of them may match a
 * text: the built-in ones, plus a user's own (see UserRules), plus allow-lists that apply to all.
 */
public final class RuleSet {
    private static RuleSet builtIn;
    private final List<Rule> rules;
    private final Keywords keywords;
    private final List<Pattern> allow;
    private final List<String> stopwords;
    private final BitSet always = new BitSet();
    private String fingerprint;

    RuleSet(List<Rule> rules, List<Pattern> allow, List<String> stopwords) {
        this.rules = List.copyOf(rules);
        this.keywords = new Keywords(rules.stream().map(Rule::keywords).toList());
        this.allow = List.copyOf(allow);
        this.stopwords = stopwords.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).keywords().isEmpty()) {
                always.set(i); // a user's rule with no keywords: tried on every text
            }
        }
    }

    /** Rules tried on every text, having no keywords to wait for. */
    BitSet always() {
        return always;
    }

    /** The built-in rules (made once: compiling ~100 patterns is not free). */
    public static synchronized RuleSet builtIn() {
        if (builtIn == null) {
            builtIn = new RuleSet(BuiltInRules.all(), List.of(), List.of());
        }
        return builtIn;
    }

    /** These rules plus more, and more allow-list entries for all of them. */
    RuleSet with(List<Rule> extra, List<Pattern> moreAllow, List<String> moreStopwords) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(extra);
        List<Pattern> a = new ArrayList<>(allow);
        a.addAll(moreAllow);
        List<String> w = new ArrayList<>(stopwords);
        w.addAll(moreStopwords);
        return new RuleSet(all, a, w);
    }

    List<Rule> rules() {
        return rules;
    }

    /**
     * Names what these rules find: two rule sets with the same fingerprint give a file the same
     * verdict. A verdict kept from an earlier save (LargeFileStamps) holds only under the same one.
     * The code that applies them is named too (where it was loaded from: JBang compiles each
     * version of the sources into a folder of its own), so an update of continuum scans again.
     */
    public synchronized String fingerprint() {
        if (fingerprint == null) {
            var code = RuleSet.class.getProtectionDomain().getCodeSource();
            StringBuilder sb = new StringBuilder(About.VERSION).append('\n')
                    .append(code == null ? "" : String.valueOf(code.getLocation())).append('\n');
            for (Rule r : rules) {
                sb.append(r.id()).append('\t').append(r.pattern().pattern()).append('\t').append(r.group())
                        .append('\t').append(r.keywords()).append('\t').append(r.minEntropy()).append('\t')
                        .append(r.strong()).append('\t').append(r.allow()).append('\t').append(r.stopwords())
                        .append('\t').append(r.lookback()).append('\n');
            }
            fingerprint = Hashes.sha256(sb.append(allow).append('\n').append(stopwords).toString());
        }
        return fingerprint;
    }

    int size() {
        return rules.size();
    }

    Rule get(int i) {
        return rules.get(i);
    }

    /** Rules whose keywords occur in text; null when none do. */
    BitSet candidates(CharSequence text) {
        return keywords.scan(text);
    }

    /** Whether any rule's keyword occurs in a text given as its first len UTF-8 bytes. */
    boolean anyKeyword(byte[] utf8, int len) {
        return keywords.any(utf8, len);
    }

    /** Every place a rule's keyword occurs in text. */
    void hits(CharSequence text, Keywords.Hits hits) {
        keywords.scan(text, hits);
    }

    /** hits over bytes read as Latin-1 (see Keywords.scan). */
    void hits(byte[] latin1, Keywords.Hits hits) {
        keywords.scan(latin1, hits);
    }

    /** True when a secret found by any rule is on the user's allow-list. */
    boolean allowed(String secret) {
        if (allow.isEmpty() && stopwords.isEmpty()) {
            return false;
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        for (String w : stopwords) {
            if (lower.contains(w)) {
                return true;
            }
        }
        for (Pattern p : allow) {
            if (p.matcher(secret).find()) {
                return true;
            }
        }
        return false;
    }
}
