package lib.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import lib.base.Env;
import lib.base.UserError;
import lib.session.SessionFolder;
import lib.term.Console;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.FixtureTest;
import support.Repos;

class VaultTest extends FixtureTest {
    Env env;

    @BeforeEach
    void setUp() throws Exception {
        env = fx.env(fx.root);
    }

    private SessionFolder stage(Vault v, String id) throws Exception {
        SessionFolder d = v.local().newStagingFolder(id);
        Files.writeString(d.dir().resolve("metadata.json"), "{\"session_id\":\"" + id + "\"}");
        return d;
    }

    private static Vault create(Env env) {
        return Vault.open(env, Vault.Need.CREATE, Console.silent());
    }

    @Test
    void aNewVaultIsAGitRepositoryOnMainWithItsOwnIdentity() throws Exception {
        try (Vault v = create(env)) {
            assertEquals("main", v.branch());
            assertEquals("continuum", v.git().getRepository().getConfig().getString("user", null, "name"));
            assertEquals(null, v.remoteUrl());
            assertFalse(v.push().ok());
        }
    }

    @Test
    void commitSessionMovesTheFolderInAndCommitsIt() throws Exception {
        try (Vault v = create(env)) {
            SessionFolder staged = stage(v, "session-20260101-000000-00000001");
            v.commitSession(staged, "desc");
            assertFalse(Files.exists(staged.dir()));
            var repo = v.git().getRepository();
            assertEquals(java.util.Set.of("session-20260101-000000-00000001"), VaultIndex.read(repo, VaultIndex.REF).ids());
            assertEquals("snapshot: desc\n\nSession ID: session-20260101-000000-00000001",
                    v.git().log().add(repo.resolve(SessionCommits.ref("session-20260101-000000-00000001"))).call().iterator().next().getFullMessage());
        }
    }

    @Test
    void aLongConversationsPartsAreStoredAsTheyAreWhicheverTheVaultHadAlready() throws Exception {
        try (Vault v = create(env)) {
            SessionFolder first = stage(v, "session-20260101-000000-00000001");
            v.storeAhead(parts(first, "one\n", "two\n", "three\n", "four\n"));
            v.commitSession(first, "first");
            // A second save whose second part changed and whose later parts did not (a cut that
            // stayed where it was), and one more part.
            SessionFolder second = stage(v, "session-20260101-000000-00000002");
            java.util.List<Path> parts = parts(second, "one\n", "TWO\n", "three\n", "four\n", "five\n");
            java.util.Map<String, String> staged = new java.util.TreeMap<>();
            for (Path p : parts) {
                staged.put("conversation/" + p.getFileName(), org.eclipse.jgit.lib.FileMode.REGULAR_FILE + " "
                        + Repos.sha256(Files.readAllBytes(p)));
            }
            v.storeAhead(parts);
            v.commitSession(second, "second");
            var repo = v.git().getRepository();
            java.util.Map<String, String> stored = new java.util.TreeMap<>();
            Repos.treeFiles(repo, repo.resolve(SessionCommits.ref("session-20260101-000000-00000002"))).forEach((path, text) -> {
                if (path.startsWith("conversation/")) {
                    stored.put(path, text);
                }
            });
            assertEquals(staged, stored);
        }
    }

    private static java.util.List<Path> parts(SessionFolder folder, String... texts) throws Exception {
        Path dir = Files.createDirectories(folder.dir().resolve("conversation"));
        java.util.List<Path> out = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(Files.writeString(dir.resolve(String.format("%04d.jsonl", i)), texts[i]));
        }
        return out;
    }

    @Test
    void recoverCommitsOrphansAndClearsStaleLocks() throws Exception {
        try (Vault v = create(env)) {
            Path orphan = Files.createDirectories(v.sessionsDir().resolve("session-20260101-000000-00000002"));
            Files.writeString(orphan.resolve("metadata.json"), "{}");
            Files.writeString(v.dir().resolve(".git/index.lock"), "");
            // A save killed half-way: its process is gone, its folder is left behind.
            Path dead = Files.createDirectories(v.dir().resolve(".git/continuum-staging/999999999/session-20260101-000000-00000003"));
            SessionFolder mine = stage(v, "session-20260101-000000-00000004"); // a save still running
            assertEquals(java.util.List.of("session-20260101-000000-00000002"), v.recover());
            assertFalse(Files.exists(v.dir().resolve(".git/index.lock")));
            assertFalse(Files.exists(dead));
            assertTrue(Files.isDirectory(mine.dir()), "a running save's folder is left alone");
            assertTrue(v.uncommittedSessions().isEmpty());
        }
    }

    @Test
    void theLockIsExclusiveAndWaitsABoundedTime() throws Exception {
        create(env).close();
        StringWriter out = new StringWriter();
        try (Vault v = create(env); AutoCloseable held = v.lock(1000)) {
            Thread other = new Thread(() -> {
                try (Vault w = Vault.open(env, Vault.Need.LOCAL, new Console(new PrintWriter(out), false, false))) {
                    UserError e = assertThrows(UserError.class, () -> w.lock(300));
                    assertTrue(e.getMessage().startsWith("another continuum save is still running"), e.getMessage());
                }
            });
            other.start();
            other.join();
            assertTrue(out.toString().contains("waiting for another save to finish"), out.toString());
        }
        Thread again = new Thread(() -> {
            try (Vault v = Vault.open(env, Vault.Need.LOCAL, Console.silent()); AutoCloseable lock = v.lock(1000)) {
                assertTrue(v.exists(), "released on close");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        again.start();
        again.join();
    }

    @Test
    void pushResolvesARaceByMerging() throws Exception {
        Path remote = Repos.bare(fx.root.resolve("r.git"));
        Env a = env.with("CONTINUUM_REPO_URL", remote.toString()).with("CONTINUUM_HOME", fx.root.resolve("a").toString());
        Env b = env.with("CONTINUUM_REPO_URL", remote.toString()).with("CONTINUUM_HOME", fx.root.resolve("b").toString());
        try (Vault va = create(a); Vault vb = create(b)) {
            va.commitSession(stage(va, "session-20260101-000000-0000000a"), "a");
            vb.commitSession(stage(vb, "session-20260101-000000-0000000b"), "b");
            assertTrue(va.push().ok());
            assertTrue(vb.push().ok(), "b fetched, merged and pushed");
        }
        try (support.RemoteVault r = support.RemoteVault.at(remote)) {
            assertEquals(2, r.listed().size());
            assertEquals(r.listed(), r.sessionRefs());
        }
    }

    @Test
    void aSecondMachineClonesAVaultFromABareRepositoryWhoseHeadNamesAnUnbornMaster() throws Exception {
        // What a plain 'git init --bare' on a server makes: HEAD -> refs/heads/master, never pushed.
        Path remote = fx.root.resolve("plain.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("master").call().close();
        Env a = env.with("CONTINUUM_REPO_URL", remote.toString()).with("CONTINUUM_HOME", fx.root.resolve("a").toString());
        Env b = env.with("CONTINUUM_REPO_URL", remote.toString()).with("CONTINUUM_HOME", fx.root.resolve("b").toString());
        try (Vault va = create(a)) {
            va.commitSession(stage(va, "session-20260101-000000-0000000a"), "a");
            assertTrue(va.push().ok());
        }
        try (Vault vb = Vault.open(b, Vault.Need.LATEST, Console.silent())) {
            assertEquals("main", vb.branch());
            assertTrue(vb.sessions().ids().contains("session-20260101-000000-0000000a"));
        }
    }
}
