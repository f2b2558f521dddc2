package lib.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import lib.base.Json;
import org.junit.jupiter.api.Test;

public class RedactorTest {
    // Assembled at run time so this file itself holds no token-shaped literal.
    public static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("private_key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----"),
            Map.entry("aws_access_key", "AKIA" + "IOSFODNN7EXAMPLE"),
            Map.entry("aws_secret_key", "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            Map.entry("github_token", "ghp_" + "1234567890abcdefghijABCDEFGHIJ123456"),
            Map.entry("gitlab_token", "glpat-" + "xxxxxxxxxxxxxxxxxxxx"),
            Map.entry("slack_token", "xoxb-" + "123456789012-abcdefghijkl"),
            Map.entry("anthropic_key", "sk-ant-" + "api03-abcdefghijklmnopqrstuvwxyz012345"),
            Map.entry("openai_key", "sk-proj-" + "abcdefghijklmnopqrstuvwxyz0123456789"),
            Map.entry("google_api_key", "AIza" + "SyA1234567890abcdefghijklmnopqrstuv"),
            Map.entry("jwt", "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
            Map.entry("bearer_token", "Authorization: Bearer " + "abcdefghijklmnopqrstuvwxyz123456"),
            Map.entry("url_credentials", "https://user:" + "s3cr3tpass@example.com/repo.git"),
            Map.entry("secret_assignment", "DB_PASSWORD=" + "hunter2hunter2"));

    @Test
    void everyKindIsReplacedAndCounted() {
        SAMPLES.forEach((kind, text) -> {
            Redactor r = new Redactor();
            String out = r.redact("before " + text + " after");
            assertTrue(out.contains("[REDACTED:" + kind + "]"), kind + " -> " + out);
            assertEquals(1, r.counts().getOrDefault(kind, 0), kind + " counted once: " + r.counts());
        });
    }

    @Test
    void jsonLineStaysValidAndKeepsItsShape() throws Exception {
        Redactor r = new Redactor();
        String secret = SAMPLES.get("github_token");
        String line = "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"my token is " + secret
                + " and \\\"password\\\": \\\"hunter2hunter2\\\"\"},\"uuid\":\"u1\"}";
        String out = r.redactJsonLine(line);
        var tree = Json.COMPACT.readTree(out);
        String content = tree.path("message").path("content").asText();
        assertFalse(content.contains(secret));
        assertFalse(content.contains("hunter2hunter2"), content);
        assertEquals("u1", tree.path("uuid").asText());
        assertEquals(2, r.total());
    }

    @Test
    void linesWithoutSecretsAreByteIdentical() {
        String line = "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"caf\\u00e9  ok\"}]}}";
        assertEquals(line, new Redactor().redactJsonLine(line));
    }

    @Test
    void ordinaryCodeHashesAndIdsAreLeftAlone() {
        String code = String.join("\n",
                "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
                "sessionId: 0f8fad5b-d9cb-4d4d-a1b4-7b9b6c7a9d1e",
                "sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "password = request.getParameter(\"password\")",
                "token = self.token",
                "const apiKey = process.env.API_KEY;",
                "def set_password(self, password: str) -> None:",
                "max_tokens = 4096",
                "secret_key = os.environ['SECRET_KEY']",
                "tokenizer = AutoTokenizer.from_pretrained(name)",
                "if (password == null) throw new IllegalArgumentException();");
        Redactor r = new Redactor();
        assertEquals(code, r.redact(code));
        assertEquals(0, r.total());
    }

    @Test
    void cutJsonLineIsStillRedacted() {
        Redactor r = new Redactor();
        String out = r.redactJsonLine("{\"type\":\"user\",\"content\":\"" + SAMPLES.get("anthropic_key"));
        assertTrue(out.contains("[REDACTED:anthropic_key]"));
    }
}
