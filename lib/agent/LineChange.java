package lib.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A change to some lines of a transcript being put back: only a line that holds one of the
 * mentions is decoded and passed to change; every other line is copied as its bytes.
 */
public record LineChange(List<String> mentions, UnaryOperator<String> change) {
    public static LineChange none() {
        return new LineChange(List.of(), UnaryOperator.identity());
    }

    /** A change made to the lines that mention one of these, by change. */
    public static LineChange of(String mention, UnaryOperator<String> change) {
        return new LineChange(List.of(mention), change);
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
        return new LineChange(List.copyOf(both), line -> next.applyTo(applyTo(line)));
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
