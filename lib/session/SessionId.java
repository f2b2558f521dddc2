package lib.session;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Vault session ids, shaped as the original tool makes them: session-YYYYMMDD-HHMMSS-<8 hex>,
 * local time. They sort by save time, which is why listing needs no metadata to order sessions.
 */
public final class SessionId {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern SHAPE = Pattern.compile("session-(\\d{8}-\\d{6})-[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionId() {
    }

    public static String next(LocalDateTime now) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "session-" + now.format(STAMP) + "-" + HexFormat.of().formatHex(b);
    }

    /** True for a well-formed id: the only names a session folder may have (no path tricks). */
    public static boolean isValid(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }

    /** The local time the id was made, when it is well-formed and a real date. */
    public static Optional<LocalDateTime> savedAt(String id) {
        if (!isValid(id)) {
            return Optional.empty();
        }
        var m = SHAPE.matcher(id);
        m.matches();
        try {
            return Optional.of(LocalDateTime.parse(m.group(1), STAMP));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The year and month of a well-formed id, "yyyyMM": what the vault groups its list by. */
    public static String month(String id) {
        return id.substring("session-".length(), "session-".length() + 6);
    }

    /** The last 8 hex digits: short enough to name a branch or folder after the session. */
    public static String shortId(String id) {
        return id.substring(id.length() - 8);
    }
}
