package lib.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import lib.base.Env;
import lib.base.UserError;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import support.Cli;
import support.Fixture;
import support.FixtureTest;

class VaultCryptoTest extends FixtureTest {
    private Repository repo() throws Exception {
        return Git.init().setDirectory(fx.root.resolve("repo").toFile()).call().getRepository();
    }

    private Identity identity() throws Exception {
        Env env = fx.env(fx.root).with("CONTINUUM_IDENTITY", fx.root.resolve("id.txt").toString());
        Identity id = Identity.of(env);
        id.create();
        return id;
    }

    @Test
    void whatTheAgeCliEncryptsForTheVaultsKeyContinuumReads() throws Exception {
        Assumptions.assumeTrue(Cli.onPath("age"), "the age CLI is not installed (Debian package 'age')");
        Identity id = identity();
        Path plain = Files.writeString(fx.root.resolve("plain.txt"), "written by age -r\n");
        Path cipher = fx.root.resolve("plain.txt.age");
        Fixture.Result r = Cli.run(List.of("age", "-r", id.publicKey(), "-o", cipher.toString(), plain.toString()),
                Cli.childEnv(fx), fx.root, 60);
        assertEquals(0, r.code(), r.all());
        try (Repository repo = repo(); ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId blob = ins.insert(Constants.OBJ_BLOB, Files.readAllBytes(cipher));
            ins.flush();
            VaultCrypto crypto = new VaultCrypto(repo, Set.of(id.publicKey()), id);
            assertTrue(crypto.isAge(blob));
            assertEquals("written by age -r\n", new String(crypto.decrypt(blob), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSameBytesForTheSameKeysAreEncryptedOnceAndAnotherKeyCannotOpenThem() throws Exception {
        Identity id = identity();
        try (Repository repo = repo(); ObjectInserter ins = repo.newObjectInserter()) {
            VaultCrypto crypto = new VaultCrypto(repo, Set.of(id.publicKey()), id);
            byte[] bytes = "a transcript part\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
            ObjectId first = crypto.encryptedBlob(ins, bytes);
            ins.flush();
            assertEquals(first, new VaultCrypto(repo, Set.of(id.publicKey()), id).encryptedBlob(ins, bytes), "reused, even by a later run");
            assertArrayEquals(bytes, crypto.decrypt(first));

            Env other = fx.env(fx.root).with("CONTINUUM_IDENTITY", fx.root.resolve("other.txt").toString());
            Identity stranger = Identity.of(other);
            stranger.create();
            UserError e = assertThrows(UserError.class, () -> new VaultCrypto(repo, Set.of(id.publicKey()), stranger).decrypt(first));
            assertTrue(e.getMessage().contains("continuum key add-recipient " + stranger.publicKey()), e.getMessage());
        }
    }
}
