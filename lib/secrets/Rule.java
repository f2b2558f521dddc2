package lib.secrets;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of secret: a pattern, the part of a match that is the secret (the named group "s", a
 * numbered group, or the whole match), literals one of which every match contains (its keywords,
 * for the fast pre-check), and when a match is not a secret after all.
 *
 * @param strong a key or token shape (not a guess from a variable's name): a file holding one is
 *               left out of the snapshot, since the bundle would carry it byte for byte
 * @param minEntropy the least Shannon entropy (bits per character) the secret must have
 * @param lookback how far before a keyword its match may start (ANYWHERE: run over the whole text);
 *                 the pattern is then tried only near each keyword, which is what keeps it fast
 */
public record Rule(String id, Pattern pattern, int group, List<String> names, List<String> keywords, double minEntropy,
                   boolean strong, Check check, List<Pattern> allow, List<String> stopwords, int lookback) {

    /** lookback for a rule whose match may be anywhere once a keyword is seen: it runs over the whole text. */
    public static final int ANYWHERE = -1;

    /** The same rule, its match starting up to n characters before a keyword (0: at the keyword). */
    Rule lookback(int n) {
        return new Rule(id, pattern, group, names, keywords, minEntropy, strong, check, allow, stopwords, n);
    }

    /** Extra judgement on a match: true when it is a secret. */
    public interface Check {
        boolean accept(Matcher m, String text, String secret);
    }

    static final Check ANY = (m, text, secret) -> true;

    public Rule {
        names = List.copyOf(names);
        keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        allow = List.copyOf(allow);
        stopwords = stopwords.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }

    /** The secret's span in the match: the first of the named groups that matched, else the numbered group. */
    int start(Matcher m) {
        for (String n : names) {
            if (m.start(n) >= 0) {
                return m.start(n);
            }
        }
        return names.isEmpty() ? m.start(group) : -1;
    }

    int end(Matcher m) {
        for (String n : names) {
            if (m.start(n) >= 0) {
                return m.end(n);
            }
        }
        return names.isEmpty() ? m.end(group) : -1;
    }

    boolean accept(Matcher m, String text) {
        int s = start(m);
        int e = end(m);
        if (s < 0) {
            return false;
        }
        String secret = text.substring(s, e);
        if (minEntropy > 0 && entropy(secret) < minEntropy) {
            return false;
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        for (String w : stopwords) {
            if (lower.contains(w)) {
                return false;
            }
        }
        for (Pattern a : allow) {
            if (a.matcher(secret).find()) {
                return false;
            }
        }
        return check.accept(m, text, secret);
    }

    /** Shannon entropy in bits per character: random tokens score high, words and repeats low. */
    static double entropy(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / s.length();
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        if (other > 0) {
            double p = (double) other / s.length();
            h -= p * (Math.log(p) / Math.log(2));
        }
        return h;
    }
}
