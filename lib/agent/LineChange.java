package lib.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A change to some lines of a transcript being put back: only a line that holds one of the
 * mentions is passed to change, decoded (or as its bytes, to a change made of bytes); every
 * other line is copied as its bytes.
 */
public record LineChange(List<String> mentions, UnaryOperator<String> change, Bytes bytes) {
    /** A change that needs no decoding: a line's UTF-8 bytes in, the changed line out (null: unchanged). */
    public interface Bytes {
        byte[] apply(byte[] line, int length);
    }

    public static LineChange none() {
        return new LineChange(List.of(), UnaryOperator.identity(), null);
    }

    /** A change made to the lines that mention one of these, by change. */
    public static LineChange of(String mention, UnaryOperator<String> change) {
        return new LineChange(List.of(mention), change, null);
    }

    /**
     * A change made to the bytes of the lines that mention this, with no text decoded for it (in a
     * chain, where the others need the text, on the text's bytes).
     */
    public static LineChange ofBytes(String mention, Bytes bytes) {
        return new LineChange(List.of(mention), line -> {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            byte[] changed = bytes.apply(b, b.length);
            return changed == null ? line : new String(changed, StandardCharsets.UTF_8);
        }, bytes);
    }

    /**
     * This change, then next on what it gives; each only on a line that mentions one of its own
     * mentions (the line is handed to both when it mentions either).
     */
    public LineChange then(LineChange next) {
        if (mentions.isEmpty()) {
            return next;
        }
        if (next.mentions.isEmpty()) {
            return this;
        }
        List<String> both = new ArrayList<>(mentions);
        both.addAll(next.mentions);
        return new LineChange(List.copyOf(both), line -> next.applyTo(applyTo(line)), null);
    }

    /** The line changed when it mentions one of the mentions, else as it is. */
    private String applyTo(String line) {
        for (String m : mentions) {
            if (line.contains(m)) {
                return change.apply(line);
            }
        }
        return line;
    }
}
