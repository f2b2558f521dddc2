package lib.agent;

/**
 * Finds a fixed byte string in a line's bytes (Horspool's skip table). A transcript being put
 * back is searched for the saved workspace's path on every one of its lines: comparing at each
 * byte, that search alone took about as long as copying the transcript.
 */
final class BytePattern {
    private final byte[] pattern;
    /** How far the window may move when its last byte is b: the distance from b's last place in the pattern to its end. */
    private final int[] skip = new int[256];

    BytePattern(byte[] pattern) {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("an empty pattern");
        }
        this.pattern = pattern.clone();
        java.util.Arrays.fill(skip, pattern.length);
        for (int i = 0; i < pattern.length - 1; i++) {
            skip[pattern[i] & 0xff] = pattern.length - 1 - i;
        }
    }

    int length() {
        return pattern.length;
    }

    /** The first place at or after from where the pattern lies wholly before to; -1 when none. */
    int in(byte[] b, int from, int to) {
        int last = pattern.length - 1;
        byte end = pattern[last];
        for (int i = from; i + last < to; ) {
            byte c = b[i + last];
            if (c == end && matchesAt(b, i)) {
                return i;
            }
            i += skip[c & 0xff];
        }
        return -1;
    }

    private boolean matchesAt(byte[] b, int at) {
        for (int j = pattern.length - 2; j >= 0; j--) {
            if (b[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }
}
