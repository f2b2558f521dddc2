package lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private Path stage(Vault v, String id) throws Exception {
        Path d = v.newStagingDir(id);
        Files.writeString(d.resolve("metadata.json"), "{\"session_id\":\"" + id + "\"}");
        return d;
    }

    @Test
    void aNewVaultIsAGitRepositoryOnMainWithItsOwnIdentity() throws Exception {
        try (Vault v = Vault.openOrCreate(env)) {
            assertEquals("main", v.branch());
            assertEquals("continuum", v.git().getRepository().getConfig().getString("user", null, "name"));
            assertEquals(null, v.remoteUrl());
            assertFalse(v.push().ok());
        }
    }

    @Test
    void commitSessionMovesTheFolderInAndCommitsIt() throws Exception {
        try (Vault v = Vault.openOrCreate(env)) {
            Path staged = stage(v, "session-20260101-000000-00000001");
            v.commitSession(staged, "session-20260101-000000-00000001", "desc");
            assertFalse(Files.exists(staged));
            assertTrue(SessionStore.sessionIds(v.git().getRepository(), "HEAD").contains("session-20260101-000000-00000001"));
            assertEquals("snapshot: desc\n\nSession ID: session-20260101-000000-00000001",
                    v.git().log().call().iterator().next().getFullMessage());
        }
    }

    @Test
    void recoverCommitsOrphansAndClearsStaleLocks() throws Exception {
        try (Vault v = Vault.openOrCreate(env)) {
            Path orphan = Files.createDirectories(v.sessionsDir().resolve("session-20260101-000000-00000002"));
            Files.writeString(orphan.resolve("metadata.json"), "{}");
            Files.writeString(v.dir().resolve(".git/index.lock"), "");
            stage(v, "session-20260101-000000-00000003"); // a half-written save
            assertEquals(java.util.List.of("session-20260101-000000-00000002"), v.recover());
            assertFalse(Files.exists(v.dir().resolve(".git/index.lock")));
            assertFalse(Files.exists(v.dir().resolve(".git/continuum-staging/session-20260101-000000-00000003")));
            assertTrue(v.uncommittedSessions().isEmpty());
        }
    }

    @Test
    void theLockIsExclusiveAndWaitsABoundedTime() throws Exception {
        try (Vault v = Vault.openOrCreate(env); AutoCloseable held = v.lock(quiet(), 1000)) {
            StringWriter out = new StringWriter();
            UserError e = assertThrows(UserError.class,
                    () -> v.lock(new Console(new PrintWriter(out), false, false), 300));
            assertTrue(e.getMessage().startsWith("another continuum save is still running"), e.getMessage());
            assertTrue(out.toString().contains("waiting for another save to finish"));
        }
        try (Vault v = Vault.open(env); AutoCloseable again = v.lock(quiet(), 1000)) {
            assertTrue(true, "released on close");
        }
    }

    @Test
    void pushResolvesARaceByMerging() throws Exception {
        Path remote = Repos.bare(fx.root.resolve("r.git"));
        Env a = env.with("CONTINUUM_REPO_URL", remote.toString()).with("CONTINUUM_HOME", fx.root.resolve("a").toString());
        Env b = env.with("CONTINUUM_REPO_URL", remote.toString()).with("CONTINUUM_HOME", fx.root.resolve("b").toString());
        try (Vault va = Vault.openOrCreate(a); Vault vb = Vault.openOrCreate(b)) {
            va.commitSession(stage(va, "session-20260101-000000-0000000a"), "session-20260101-000000-0000000a", "a");
            vb.commitSession(stage(vb, "session-20260101-000000-0000000b"), "session-20260101-000000-0000000b", "b");
            assertTrue(va.push().ok());
            assertTrue(vb.push().ok(), "b fetched, merged and pushed");
        }
        try (Git g = Repos.cloneOf(remote, fx.root.resolve("c"))) {
            assertEquals(2, SessionStore.sessionIds(g.getRepository(), "HEAD").size());
        }
    }

    private static Console quiet() {
        return new Console(new PrintWriter(new StringWriter()), true, false);
    }
}
