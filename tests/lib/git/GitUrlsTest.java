package lib.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import lib.base.Errors;
import lib.base.FileUtil;
import org.junit.jupiter.api.Test;

class GitUrlsTest {
    @Test
    void urlsLoseTheirPasswordsButKeepTheirShape() {
        assertEquals("https://github.com/me/vault.git", GitUrls.withoutCredentials("https://me:ghp_token@github.com/me/vault.git"));
        assertEquals("git@github.com:me/vault.git", GitUrls.withoutCredentials("git@github.com:me/vault.git"));
        assertEquals("ssh://git@host:2222/v.git", GitUrls.withoutCredentials("ssh://git@host:2222/v.git"));
        assertEquals("could not reach https://host/x: refused",
                Errors.oneLine(new RuntimeException("could not reach https://me:tok@host/x: refused")));
    }

    @Test
    void oneRemoteSpelledTwoWaysIsOneProject() {
        assertEquals(GitUrls.normalize("https://github.com/me/app.git"), GitUrls.normalize("https://me:t@github.com/me/app/"));
        assertFalse(GitUrls.normalize("git@github.com:me/app.git").equals(GitUrls.normalize("git@github.com:me/other.git")));
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
