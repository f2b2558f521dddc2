package lib.term;

import lib.base.Env;

/** Facts about the terminal continuum prints to. */
public final class Terminal {
    private Terminal() {
    }

    /** Columns to fit rows into; 0 (no trimming) when output is not a terminal. */
    public static int width(Env env) {
        String cols = env.get("COLUMNS");
        if (cols != null && cols.matches("\\d{1,4}")) {
            return Integer.parseInt(cols);
        }
        return env.interactive() ? 100 : 0;
    }

    /** Colour only on a terminal, and never with NO_COLOR. */
    public static boolean color(Env env) {
        return env.interactive() && env.get("NO_COLOR") == null;
    }
}
