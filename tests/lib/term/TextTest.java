package lib.term;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void relativeAgesReadLikeThePicker() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        assertEquals("just now", Text.age(now.minusSeconds(5), now));
        assertEquals("5m ago", Text.age(now.minusSeconds(300), now));
        assertEquals("2h ago", Text.age(now.minusSeconds(7300), now));
        assertEquals("3d ago", Text.age(now.minusSeconds(3 * 86_400 + 10), now));
        assertEquals("4mo ago", Text.age(now.minusSeconds(125L * 86_400), now));
    }
}
