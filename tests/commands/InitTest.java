package commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.Repos;

class InitTest extends FixtureTest {
    @Test
    void createsAPrivateLocalVault() throws Exception {
        Fixture.Result r = fx.run(fx.root, "init");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith("  ✓ Created vault at " + fx.vault() + "\n"), r.out());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.vault())));
    }

    @Test
    void clonesTheRemoteVaultAndRecordsIt() throws Exception {
        Path remote = Repos.bare(fx.root.resolve("vault.git"));
        try (Fixture first = new Fixture()) {
            first.set("CONTINUUM_REPO_URL", remote.toString());
            Path ws = first.root.resolve("ws");
            Repos.init(ws).close();
            assertEquals(0, first.run(ws, "save", "-m", "from elsewhere").code());
        }
        Fixture.Result r = fx.run(fx.root, "init", "--remote", remote.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Remote: " + remote + "\n"), r.out());
        assertTrue(fx.run(fx.root, "list").out().contains("from elsewhere"));
    }

    @Test
    void unreachableRemoteIsOneLine() {
        Fixture.Result r = fx.run(fx.root, "init", "--remote", fx.root.resolve("missing.git").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("continuum: could not fetch your vault from "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(java.nio.file.Files.exists(fx.vault()), "nothing is created beside a remote that cannot be reached");
    }

    @Test
    void credentialsInTheUrlAreNeverPrinted() {
        Fixture.Result r = fx.run(fx.root, "init", "--remote", "https://me:s3cr3t-token@127.0.0.1:9/vault.git");
        assertTrue(!r.all().contains("s3cr3t-token"), r.all());
    }
}
