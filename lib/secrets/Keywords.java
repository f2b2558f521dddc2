package lib.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Finds, in one pass over a text, which rules may match: every rule names literals (its
 * keywords) one of which any match contains, and this automaton (Aho-Corasick, ASCII, case
 * folded) reports the rules whose keywords occur. A transcript line that names no keyword is
 * never given to a regular expression, which is what keeps redaction fast.
 */
final class Keywords {
    private static final int ALPHABET = 128;
    /** State s's move on char c (below 256) is delta[s * 256 + c]: case folding and non-ASCII resets built in. */
    private final int[] delta;
    /** For each state: whether any keyword ends there. */
    private final boolean[] matches;
    private final BitSet[] rules;
    /** For each state: pairs (rule, keyword length) of the keywords that end there. */
    private final int[][] ends;

    /** Told each place a rule's keyword starts. */
    interface Hits {
        void hit(int rule, int start);
    }

    /** keywords.get(i): the keywords of rule i (ASCII; any case). */
    Keywords(List<List<String>> keywords) {
        List<int[]> go = new ArrayList<>();
        List<BitSet> out = new ArrayList<>();
        List<List<int[]>> endsAt = new ArrayList<>();
        go.add(newState());
        out.add(new BitSet());
        endsAt.add(new ArrayList<>());
        for (int rule = 0; rule < keywords.size(); rule++) {
            for (String k : keywords.get(rule)) {
                int s = 0;
                for (int i = 0; i < k.length(); i++) {
                    int c = fold(k.charAt(i));
                    if (c < 0) {
                        throw new IllegalArgumentException("keywords are ASCII: " + k);
                    }
                    if (go.get(s)[c] == 0) {
                        go.get(s)[c] = go.size();
                        go.add(newState());
                        out.add(new BitSet());
                        endsAt.add(new ArrayList<>());
                    }
                    s = go.get(s)[c];
                }
                out.get(s).set(rule);
                endsAt.get(s).add(new int[] {rule, k.length()});
            }
        }
        // Failure links folded into the transition table, breadth first.
        int[] fail = new int[go.size()];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int t = go.get(0)[c];
            if (t != 0) {
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            out.get(s).or(out.get(fail[s]));
            endsAt.get(s).addAll(endsAt.get(fail[s]));
            for (int c = 0; c < ALPHABET; c++) {
                int t = go.get(s)[c];
                if (t != 0) {
                    fail[t] = go.get(fail[s])[c];
                    queue.add(t);
                } else {
                    go.get(s)[c] = go.get(fail[s])[c];
                }
            }
        }
        this.delta = new int[go.size() * 256];
        this.matches = new boolean[go.size()];
        for (int st = 0; st < go.size(); st++) {
            for (int c = 0; c < ALPHABET; c++) {
                delta[st * 256 + c] = go.get(st)[fold((char) c)];
            }
            matches[st] = !out.get(st).isEmpty();
        }
        this.rules = out.toArray(BitSet[]::new);
        this.ends = new int[endsAt.size()][];
        for (int i = 0; i < ends.length; i++) {
            int[] flat = new int[endsAt.get(i).size() * 2];
            for (int j = 0; j < endsAt.get(i).size(); j++) {
                flat[2 * j] = endsAt.get(i).get(j)[0];
                flat[2 * j + 1] = endsAt.get(i).get(j)[1];
            }
            ends[i] = flat;
        }
    }

    /** Reports every keyword occurrence: which rule, and where the keyword starts. */
    void scan(CharSequence text, Hits hits) {
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            s = c < 256 ? delta[s << 8 | c] : 0;
            if (matches[s]) {
                int[] e = ends[s];
                for (int j = 0; j < e.length; j += 2) {
                    hits.hit(e[j], i - e[j + 1] + 1);
                }
            }
        }
    }

    /**
     * scan over bytes read as Latin-1 (a file's content): the same hits at the same places as over
     * the String they make, without reading it a char at a time through CharSequence.
     */
    void scan(byte[] text, Hits hits) {
        int s = 0;
        for (int i = 0; i < text.length; i++) {
            s = delta[s << 8 | (text[i] & 0xff)];
            if (matches[s]) {
                int[] e = ends[s];
                for (int j = 0; j < e.length; j += 2) {
                    hits.hit(e[j], i - e[j + 1] + 1);
                }
            }
        }
    }

    /**
     * Whether any keyword occurs in the first len bytes of a text's UTF-8: exactly when one occurs
     * in the text, as keywords are ASCII and no byte of a non-ASCII character is. Scanning the
     * bytes spares reading a non-Latin-1 String a char at a time, the slow part of a transcript's copy.
     */
    boolean any(byte[] utf8, int len) {
        int s = 0;
        for (int i = 0; i < len; i++) {
            s = delta[s << 8 | (utf8[i] & 0xff)];
            if (matches[s]) {
                return true;
            }
        }
        return false;
    }

    private static int[] newState() {
        return new int[ALPHABET];
    }

    private static int fold(char c) {
        if (c >= ALPHABET) {
            return -1;
        }
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** The rules whose keywords occur in text (null when none do: the common case). */
    BitSet scan(CharSequence text) {
        BitSet found = null;
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            s = c < 256 ? delta[s << 8 | c] : 0;
            if (matches[s]) {
                if (found == null) {
                    found = new BitSet();
                }
                found.or(rules[s]);
            }
        }
        return found;
    }
}
