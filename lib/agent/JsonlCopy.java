package lib.agent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import lib.base.Json;
import lib.secrets.Redactor;
import lib.session.LineSink;

/**
 * Copies a JSON-lines transcript into the vault through the redactor, line by line and as bytes.
 * A line with nothing to redact is written byte for byte; a line that is not valid UTF-8 (an agent
 * killed mid-write, a stray byte) is redacted as raw text and otherwise kept as it was; a last
 * line without its newline (the agent is still appending) is kept as it is, and reported.
 */
public final class JsonlCopy {
    /** Lines longer than this are redacted as text in windows, never held whole in memory. */
    static final int MAX_LINE = 8 << 20;

    /** What one copy wrote. */
    public record Result(long lines, long messages, boolean tornTail, long invalidLines) {
    }

    private JsonlCopy() {
    }

    /** Copies src into sink; isMessage counts the lines an agent shows as conversation turns. */
    public static Result copy(Path src, LineSink sink, Redactor redactor, Predicate<String> isMessage) throws IOException {
        try (InputStream in = Files.newInputStream(src)) {
            return copy(in, sink, redactor, isMessage);
        }
    }

    public static Result copy(InputStream in, LineSink sink, Redactor redactor, Predicate<String> isMessage)
            throws IOException {
        Lines lines = new Lines(in);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        long count = 0;
        long messages = 0;
        long invalid = 0;
        boolean torn = false;
        while (lines.next()) {
            count++;
            if (lines.tooLong()) {
                invalid++;
                WindowedRedaction.copy(lines, sink, redactor);
                continue;
            }
            byte[] b = lines.bytes();
            int len = lines.length();
            String text = decode(utf8, b, len);
            boolean newline = lines.endedWithNewline();
            if (text == null) {
                invalid++;
                String raw = new String(b, 0, len, StandardCharsets.ISO_8859_1);
                String red = redactor.redact(raw);
                byte[] out = red == raw ? b : red.getBytes(StandardCharsets.ISO_8859_1);
                sink.write(out, 0, out == b ? len : out.length, newline);
                torn |= !newline;
                continue;
            }
            if (isMessage.test(text)) {
                messages++;
            }
            String red = redactor.redactJsonLine(text, b, len);
            if (red.equals(text)) {
                sink.write(b, 0, len, newline);
            } else {
                byte[] out = red.getBytes(StandardCharsets.UTF_8);
                sink.write(out, 0, out.length, newline);
            }
            torn |= !newline && !text.isBlank() && topLevelType(text) == null;
        }
        return new Result(count, messages, torn, invalid);
    }

    /** The line as text, or null when it is not valid UTF-8. */
    private static String decode(CharsetDecoder utf8, byte[] b, int len) {
        // The JDK's own decoding is several times faster than a decoder's; it marks a malformed
        // byte with U+FFFD, so only a line holding that character needs the strict decoder.
        String fast = new String(b, 0, len, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(b, 0, len));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The "type" of a transcript entry, read without building a tree; null if the line is not a JSON object. */
    public static String topLevelType(String line) {
        try (JsonParser p = Json.FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String type = "";
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("type".equals(name) && v == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            return t == JsonToken.END_OBJECT && p.nextToken() == null ? type : null;
        } catch (IOException e) {
            return null;
        }
    }
}
