package lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small helpers, each by what a user would notice if it broke. */
class SmallPartsTest {
    private static Env env(Map<String, String> vars) {
        return new Env(vars, Path.of("/tmp"), false);
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

    @Test
    void sessionIdsLookLikeTheOriginalTools() {
        String id = SessionId.next(LocalDateTime.of(2026, 11, 25, 21, 5, 9));
        assertTrue(id.matches("session-20261125-210509-[0-9a-f]{8}"), id);
        assertTrue(SessionId.looksValid(id));
        assertFalse(SessionId.looksValid("session-2026"));
        assertFalse(SessionId.next(LocalDateTime.now()).equals(SessionId.next(LocalDateTime.now())));
    }

    @Test
    void secretFileNames() {
        for (String p : new String[] {".env", "app/.env.local", "certs/server.pem", "id_rsa", "id_ed25519",
                "gcp/credentials.json", ".npmrc", "prod.tfvars", "keystore.p12"}) {
            assertTrue(SecretFiles.looksSecret(p), p);
        }
        for (String p : new String[] {".env.example", "id_rsa.pub", "src/env.py", "keys.go", "README.md", "secrets.md"}) {
            assertFalse(SecretFiles.looksSecret(p), p);
        }
    }

    @Test
    void urlsLoseTheirPasswordsButKeepTheirShape() {
        assertEquals("https://github.com/me/vault.git", Urls.withoutCredentials("https://me:ghp_token@github.com/me/vault.git"));
        assertEquals("git@github.com:me/vault.git", Urls.withoutCredentials("git@github.com:me/vault.git"));
        assertEquals("ssh://git@host:2222/v.git", Urls.withoutCredentials("ssh://git@host:2222/v.git"));
        assertEquals("could not reach https://host/x: refused",
                Errors.oneLine(new RuntimeException("could not reach https://me:tok@host/x: refused")));
    }

    @Test
    void relativeAgesReadLikeThePicker() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        assertEquals("just now", SessionFormat.age(now.minusSeconds(5), now));
        assertEquals("5m ago", SessionFormat.age(now.minusSeconds(300), now));
        assertEquals("2h ago", SessionFormat.age(now.minusSeconds(7300), now));
        assertEquals("3d ago", SessionFormat.age(now.minusSeconds(3 * 86_400 + 10), now));
        assertEquals("4mo ago", SessionFormat.age(now.minusSeconds(125L * 86_400), now));
    }

    @Test
    void oneRemoteSpelledTwoWaysIsOneProject() {
        assertEquals(RestoreTarget.normalize("https://github.com/me/app.git"), RestoreTarget.normalize("https://me:t@github.com/me/app/"));
        assertFalse(RestoreTarget.normalize("git@github.com:me/app.git").equals(RestoreTarget.normalize("git@github.com:me/other.git")));
    }

    @Test
    void encryptedKeysAreRecognised() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("keys");
        try {
            var kp = support.SshGitServer.newKeyPair();
            assertFalse(Remotes.isEncrypted(support.SshGitServer.writeKey(kp, dir.resolve("plain"), null)));
            assertTrue(Remotes.isEncrypted(support.SshGitServer.writeKey(kp, dir.resolve("locked"), "pw")));
        } finally {
            FileUtil.deleteTree(dir);
        }
    }
}
