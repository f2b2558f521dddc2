package commands;

import lib.Env;

/** Facts about the terminal the verbs print to. */
final class Terminal {
    private Terminal() {
    }

    /** Columns to fit rows into; 0 (no trimming) when output is not a terminal. */
    static int width(Env env) {
        String cols = env.get("COLUMNS");
        if (cols != null && cols.matches("\\d+")) {
            return Integer.parseInt(cols);
        }
        return env.interactive() ? 100 : 0;
    }

    static boolean color(Env env) {
        return env.interactive() && env.get("NO_COLOR") == null;
    }
}
