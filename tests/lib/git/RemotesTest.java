package lib.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import support.Fixture;
import support.FixtureTest;
import support.Repos;
import support.SshGitServer;
import support.Transcripts;

/** The vault over SSH against a real server on 127.0.0.1: known hosts honoured, no prompt, no hang. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RemotesTest extends FixtureTest {
    SshGitServer server;
    KeyPair clientKey;
    Path ws;

    @BeforeEach
    void setUp() throws Exception {
        clientKey = SshGitServer.newKeyPair();
        Repos.bare(fx.dir("srv").resolve("vault.git"));
        server = new SshGitServer(fx.root.resolve("srv"), clientKey.getPublic());
        ws = fx.project();
        fx.set("CONTINUUM_REPO_URL", server.url("vault.git"));
        fx.set("CONTINUUM_KEY_PATH", SshGitServer.writeKey(clientKey, fx.home.resolve(".ssh/continuum_key"), null).toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private void trustServer() throws Exception {
        Files.writeString(fx.home.resolve(".ssh/known_hosts"), server.knownHostsLine() + "\n");
    }

    private boolean remoteHasSessions() throws Exception {
        try (support.RemoteVault v = support.RemoteVault.at(fx.root.resolve("srv/vault.git"))) {
            return !v.listed().isEmpty();
        }
    }

    @Test
    void saveAndCloneTheVaultOverSshWithADeployKey() throws Exception {
        trustServer();
        Fixture.Result r = fx.run(ws, "save", "-m", "over ssh", "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Pushed to private repo\n"), r.out());
        assertTrue(remoteHasSessions());

        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", server.url("vault.git"));
            Files.createDirectories(other.home.resolve(".ssh"));
            Files.writeString(other.home.resolve(".ssh/known_hosts"), server.knownHostsLine() + "\n");
            SshGitServer.writeKey(clientKey, other.home.resolve(".ssh/continuum_key"), null);
            Fixture.Result list = other.run(ws, "list");
            assertTrue(list.out().contains("over ssh"), list.all());
            Fixture.Result show = other.run(ws, "show", "latest", "--json");
            assertEquals(0, show.code(), show.all());
            assertTrue(show.out().contains("workspace.bundle"), "the session itself came over ssh: " + show.out());
        }
    }

    @Test
    void aReSaveSendsTheConversationsChangeNotTheWholeConversationAgain() throws Exception {
        trustServer();
        String agent = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
        List<String> prompts = new ArrayList<>(Transcripts.prompts(2_000, 11));
        Transcripts.write(fx.claude(), ws, agent, prompts.toArray(String[]::new));
        assertEquals(0, fx.run(ws, "save", "-m", "evening", "--session", agent, "--no-wip-push").code());
        long before = server.bytesReceived();
        prompts.add("one more thing");
        Path t = Transcripts.write(fx.claude(), ws, agent, prompts.toArray(String[]::new));
        Fixture.Result r = fx.run(ws, "save", "-m", "later", "--session", agent, "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Pushed to private repo\n"), r.out());
        long sent = server.bytesReceived() - before;
        long whole = Repos.deflated(Files.readAllBytes(t));
        assertTrue(sent < whole / 4, sent + " bytes went over ssh for one prompt more in a conversation that deflates to " + whole);
    }

    @Test
    void unknownHostKeyIsRefusedAndTheSessionIsKeptLocally() throws Exception {
        Fixture.Result r = fx.run(ws, "save", "-m", "unknown host", "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ⚠ Warning: Failed to push to continuum repo ("), r.out());
        assertTrue(r.out().contains("known_hosts"), r.out());
        assertFalse(remoteHasSessions(), "nothing was sent to an unverified host");
        assertFalse(Files.exists(fx.home.resolve(".ssh/known_hosts"))
                && Files.readString(fx.home.resolve(".ssh/known_hosts")).contains("127.0.0.1"), "the key was not learned");
    }

    @Test
    void changedHostKeyIsRefused() throws Exception {
        KeyPair impostor = SshGitServer.newKeyPair();
        Files.writeString(fx.home.resolve(".ssh/known_hosts"), "[127.0.0.1]:" + server.port() + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(impostor.getPublic()) + "\n");
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push");
        assertTrue(r.out().contains("Failed to push"), r.out());
        assertTrue(r.out().contains("known_hosts"), r.out());
        assertFalse(remoteHasSessions());
    }

    @Test
    void wrongKeyIsRefused() throws Exception {
        trustServer();
        SshGitServer.writeKey(SshGitServer.newKeyPair(), fx.home.resolve(".ssh/other_key"), null);
        fx.set("CONTINUUM_KEY_PATH", fx.home.resolve(".ssh/other_key").toString());
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push");
        assertTrue(r.out().contains("Failed to push"), r.out());
        assertFalse(remoteHasSessions());
    }

    @Test
    void passphraseKeyWithoutATerminalFailsFastInsteadOfAsking() throws Exception {
        trustServer();
        SshGitServer.writeKey(clientKey, fx.home.resolve(".ssh/locked_key"), "correct horse");
        fx.set("CONTINUUM_KEY_PATH", fx.home.resolve(".ssh/locked_key").toString());
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push");
        assertTrue(r.out().contains("Failed to push"), r.out());
        assertTrue(r.out().contains("passphrase"), r.out());
    }
}
