package lib.base;

/** What this build of continuum is: its version and the vault format it writes. */
public final class About {
    public static final String VERSION = "0.2.0";

    private About() {
    }
}
