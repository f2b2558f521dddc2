package lib.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import lib.base.Env;
import org.junit.jupiter.api.Test;

/** Session ids and host facts, by what a user would notice if they broke. */
class SessionIdTest {
    private static Env env(Map<String, String> vars) {
        return new Env(vars, Path.of("/tmp"), false);
    }

    @Test
    void sessionIdsLookLikeTheOriginalTools() {
        String id = SessionId.next(LocalDateTime.of(2026, 11, 25, 21, 5, 9));
        assertTrue(id.matches("session-20261125-210509-[0-9a-f]{8}"), id);
        assertTrue(SessionId.isValid(id));
        assertEquals(LocalDateTime.of(2026, 11, 25, 21, 5, 9), SessionId.savedAt(id).orElseThrow());
        assertFalse(SessionId.isValid("session-2026"));
        assertFalse(SessionId.isValid("../session-20261125-210509-abcdef01"));
        assertFalse(SessionId.next(LocalDateTime.now()).equals(SessionId.next(LocalDateTime.now())));
    }

    @Test
    void hostFactsComeFromTheContainerOverridesWhenSet() {
        HostInfo h = HostInfo.detect(env(Map.of("CCC_HOST_HOSTNAME", "laptop", "CCC_HOST_KERNEL", "6.9.1")));
        assertEquals("laptop", h.hostname());
        assertEquals("6.9.1", h.kernel());
        HostInfo real = HostInfo.detect(env(Map.of()));
        assertFalse(real.hostname().isBlank());
        assertFalse(real.kernel().isBlank());
    }
}
