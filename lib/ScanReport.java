package lib;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import lib.secrets.Redactor;
import lib.secrets.RuleSet;

/**
 * What `continuum scan` shows: every secret the rules would redact in a text, by line, masked.
 * A JSON line (a transcript) is read with its escapes decoded, as a save reads it.
 */
public final class ScanReport {
    private ScanReport() {
    }

    /** One secret found: its line, its rule, and the secret masked so the report can be shared. */
    public record Hit(long line, String rule, String masked) {
    }

    public static List<Hit> scan(BufferedReader in, RuleSet rules) throws IOException {
        List<Hit> hits = new ArrayList<>();
        Redactor redactor = new Redactor(rules);
        String line;
        long n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            String text = line.startsWith("{") || line.startsWith("[") ? Redactor.decodedJson(line) : line;
            for (Redactor.Finding f : redactor.find(text)) {
                hits.add(new Hit(n, f.rule(), mask(f.secret())));
            }
        }
        return hits;
    }

    /** The first four characters, then how long it is: enough to recognise, not enough to use. */
    static String mask(String secret) {
        String one = secret.replaceAll("\\s+", " ");
        return (one.length() <= 8 ? one.substring(0, Math.min(2, one.length())) : one.substring(0, 4))
                + "…(" + secret.length() + " chars)";
    }
}
