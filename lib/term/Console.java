package lib.term;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * continuum's voice: "  ✓ step" and "  ⚠ problem" lines, the same style for every verb. In JSON
 * mode nothing is printed and the warnings are collected for the JSON object instead.
 */
public final class Console {
    private final PrintWriter out;
    private final boolean quiet;
    private final boolean color;
    private final List<String> warnings = new ArrayList<>();
    /** For a held console: its lines, until {@link #print(Console)} prints them. */
    private final StringWriter kept;

    public Console(PrintWriter out, boolean quiet, boolean color) {
        this(out, quiet, color, null);
    }

    private Console(PrintWriter out, boolean quiet, boolean color, StringWriter kept) {
        this.out = out;
        this.quiet = quiet;
        this.color = color;
        this.kept = kept;
    }

    /** A console for work on another thread: it keeps its lines (in this one's style) until printed here in their place. */
    public Console held() {
        StringWriter w = new StringWriter();
        return new Console(new PrintWriter(w), quiet, color, w);
    }

    /** Prints what a held console kept, and takes over its warnings. */
    public void print(Console held) {
        held.out.flush();
        String text = held.kept.toString();
        if (!text.isEmpty() && !quiet) {
            out.print(text);
            out.flush();
        }
        warnings.addAll(held.warnings);
    }

    /** Prints nothing, remembers warnings: for a save nested inside another verb. */
    public static Console silent() {
        return new Console(new PrintWriter(Writer.nullWriter()), true, false);
    }

    public void line(String text) {
        if (!quiet) {
            out.println(text);
            out.flush();
        }
    }

    public void ok(String text) {
        line(paint("32", "  ✓ ") + Text.safe(text));
    }

    /** Something under way that takes a while: "  … text". */
    public void pending(String text) {
        line("  … " + Text.safe(text));
    }

    public void warn(String text) {
        warnings.add(Text.safe(text));
        line(paint("33", "  ⚠ " + Text.safe(text)));
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public String paint(String ansi, String text) {
        return color ? "\u001b[" + ansi + "m" + text + "\u001b[0m" : text;
    }
}
