package lib.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeywordsTest {
    private static List<String> hits(Keywords k, String text) {
        List<String> out = new ArrayList<>();
        k.scan(text, (rule, start) -> out.add(rule + "@" + start));
        return out;
    }

    private static List<String> hits(Keywords k, byte[] latin1) {
        List<String> out = new ArrayList<>();
        k.scan(latin1, (rule, start) -> out.add(rule + "@" + start));
        return out;
    }

    @Test
    void bytesReadAsLatin1HitTheSameKeywordsAtTheSamePlacesAsTheirText() {
        Keywords k = new Keywords(List.of(List.of("sk", "sk-ant-"), List.of("key", "token"), List.of("q~")));
        byte[] fixed = "xSK-ANT-1 key\u00e9token q~ \u00ffsk".getBytes(StandardCharsets.ISO_8859_1);
        List<String> expected = hits(k, new String(fixed, StandardCharsets.ISO_8859_1));
        assertEquals(List.of("0@1", "0@1", "1@10", "1@14", "2@20", "0@24"), expected, "case folded, overlapping");
        assertEquals(expected, hits(k, fixed));
        // Any byte, the keywords' letters in either case among them: a file's content as it comes.
        byte[] alphabet = "skSK-antAN~qQkeyKEYtoen\u00e9\u00ff\u0080 \n\0".getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(7);
        int found = 0;
        for (int round = 0; round < 200; round++) {
            byte[] b = new byte[random.nextInt(400)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            List<String> text = hits(k, new String(b, StandardCharsets.ISO_8859_1));
            assertEquals(text, hits(k, b), "round " + round);
            found += text.size();
        }
        assertTrue(found > 200, "the rounds found keywords: " + found);
    }

    @Test
    void aTextsUtf8BytesHoldAKeywordExactlyWhenTheTextDoes() {
        Keywords k = new Keywords(List.of(List.of("sk-ant-"), List.of("key", "token")));
        assertTrue(k.any("x \u4e2d\u6587 sk-ant-api03".getBytes(StandardCharsets.UTF_8), 20));
        assertEquals(false, k.any("\u00e9ke\u00e9y \u6587token".getBytes(StandardCharsets.UTF_8), 9), "only the first len bytes");
        // Keywords beside and between characters of every width (Latin-1, CJK, emoji), any case.
        String[] pieces = {"sk", "SK", "-ant-", "ke", "KEY", "y", "tok", "en", "\u00e9", "\u00ff", "\u4e2d", "\ud83d\ude00", " ", "\\u0041"};
        Random random = new Random(3);
        int found = 0;
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            boolean inText = k.scan(text) != null;
            assertEquals(inText, k.any(utf8, utf8.length), text.toString());
            found += inText ? 1 : 0;
        }
        assertTrue(found > 50 && found < 450, "both answers were tried: " + found);
    }
}
