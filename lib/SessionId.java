package lib;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Vault session ids, shaped as the original tool makes them: session-YYYYMMDD-HHMMSS-<8 hex>. */
public final class SessionId {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern SHAPE = Pattern.compile("session-\\d{8}-\\d{6}-[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionId() {
    }

    public static String next(LocalDateTime now) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "session-" + now.format(STAMP) + "-" + HexFormat.of().formatHex(b);
    }

    public static boolean looksValid(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
