package lib;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's voice: "  ✓ step" and "  ⚠ problem" lines. In JSON mode nothing is printed and the
 * warnings are collected for the JSON object instead.
 */
public final class Console {
    private final PrintWriter out;
    private final boolean quiet;
    private final boolean color;
    private final List<String> warnings = new ArrayList<>();

    public Console(PrintWriter out, boolean quiet, boolean color) {
        this.out = out;
        this.quiet = quiet;
        this.color = color;
    }

    public void line(String text) {
        if (!quiet) {
            out.println(text);
            out.flush();
        }
    }

    public void ok(String text) {
        line(paint("32", "  ✓ ") + text);
    }

    public void warn(String text) {
        warnings.add(text);
        line(paint("33", "  ⚠ " + text));
    }

    /** A warning already shown in its own words: kept for --json only. */
    public void recordWarning(String text) {
        warnings.add(text);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public String paint(String ansi, String text) {
        return color ? "\u001b[" + ansi + "m" + text + "\u001b[0m" : text;
    }
}
