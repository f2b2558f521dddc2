package commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.Map;
import lib.base.Json;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.RemoteVault;
import support.Repos;
import support.Transcripts;

class SaveTest extends FixtureTest {
    static final String AGENT = "5d8a2c1e-0b7f-4e3a-9c6d-1f2e3a4b5c6d";
    Path ws;
    Path vaultRemote;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        Transcripts.write(fx.claude(), ws, AGENT, "add the feature", "now test it");
        vaultRemote = fx.vaultRemote();
    }

    static String sessionId(String out) {
        return new Fixture.Result(0, out, "").sessionId();
    }

    @Test
    void printsTheSeedLinesInOrderAndPushesTheSessionToTheVaultRemote() throws Exception {
        fx.set("CONTINUUM_REPO_URL", vaultRemote.toString());
        Map<String, String> before = Repos.fingerprint(ws);
        Fixture.Result r = fx.run(ws, "save", "-m", "wire up feature", "--session", AGENT);
        assertEquals(0, r.code(), r.all());
        String id = sessionId(r.out());
        assertEquals(List.of(
                "📸 Creating snapshot...",
                "  … Fetching your vault from " + vaultRemote,
                "  ✓ Saved conversation (claude-code 5d8a2c1e)",
                "  ✓ Captured git state: main",
                "  ⚠ Left out .env: looks like a secret (--include-secrets keeps it)",
                "  ✓ Stashed uncommitted files",
                "  ✓ Pushed wip branch",
                "  ✓ Host: testhost (6.1.0-test)",
                "  ✓ Committing to continuum repo...",
                "  ✓ Pushed to private repo",
                "",
                "Session ID: " + id,
                "Sweet dreams! Resume with: ccc"), r.out().lines().toList());
        assertEquals("", r.err());
        assertEquals(before, Repos.fingerprint(ws), "the workspace is untouched");

        // What a second machine would find on the vault remote: the session listed, under its own ref.
        Path session;
        try (RemoteVault remote = RemoteVault.at(vaultRemote)) {
            assertEquals(Set.of(id), remote.listed());
            assertEquals("snapshot: wire up feature\n\nSession ID: " + id, remote.message(id).strip());
            session = remote.files(id, fx.root.resolve("vault-clone"));
        }
        for (String f : List.of("metadata.json", "conversation.jsonl", "snapshot.patch", "workspace.bundle", "wip-branch")) {
            assertTrue(Files.isRegularFile(session.resolve(f)), f);
        }
        assertEquals(Files.readAllLines(fx.claude().resolve("projects").resolve(lib.agent.claude.ClaudeCode.encode(ws)).resolve(AGENT + ".jsonl")),
                Files.readAllLines(session.resolve("conversation.jsonl")));
        JsonNode m = Json.COMPACT.readTree(session.resolve("metadata.json").toFile());
        assertEquals(id, m.path("session_id").asText());
        assertEquals("wire up feature", m.path("description").asText());
        assertEquals(ws.toRealPath().toString(), m.path("workspace_path").asText());
        assertEquals("testhost", m.path("hostname").asText());
        assertEquals("6.1.0-test", m.path("kernel_version").asText());
        assertTrue(m.path("git").path("is_repo").asBoolean());
        assertEquals("main", m.path("git").path("branch").asText());
        assertTrue(m.path("git").path("has_uncommitted").asBoolean());
        assertTrue(m.path("git").path("has_unpushed").asBoolean());
        assertEquals(AGENT, m.path("agent").path("session_id").asText());
        assertEquals(4, m.path("agent").path("message_count").asInt());
        assertTrue(m.path("timestamp").asText().startsWith(id.substring(8, 12)), "timestamp year matches id");

        // The wip branch is on the workspace's origin; the workspace got no tracking ref for it.
        String wip = Files.readString(session.resolve("wip-branch")).strip();
        try (Git origin = Git.open(fx.root.resolve("origin.git").toFile()); Git w = Git.open(ws.toFile())) {
            assertEquals(w.getRepository().resolve("HEAD"), origin.getRepository().resolve("refs/heads/" + wip));
            assertTrue(w.getRepository().getRefDatabase().getRefsByPrefix("refs/remotes/origin/claude-wip").isEmpty());
        }
    }

    @Test
    void jsonOutputIsOneObjectWithPushedAndWarnings() throws Exception {
        fx.set("CONTINUUM_REPO_URL", vaultRemote.toString());
        Fixture.Result r = fx.run(ws, "save", "--json", "--no-wip-push", "--session", AGENT);
        assertEquals(0, r.code(), r.all());
        JsonNode j = Json.COMPACT.readTree(r.out());
        assertTrue(j.path("pushed").asBoolean());
        assertEquals("Session from ws", j.path("description").asText());
        assertEquals(1, j.path("warnings").size(), j.toString());
        assertTrue(j.path("session_id").asText().startsWith("session-"));
        assertTrue(j.path("git").path("wip_branch").isNull());
    }

    @Test
    void offlineSaveIsKeptLocallyAndPushedByTheNextSave() throws Exception {
        Path later = fx.root.resolve("not-there-yet.git");
        fx.set("CONTINUUM_REPO_URL", later.toString());
        Fixture.Result first = fx.run(ws, "save", "-m", "offline", "--no-wip-push");
        assertEquals(0, first.code(), first.all());
        assertTrue(first.out().contains("  ⚠ Warning: Failed to push to continuum repo ("), first.out());
        assertTrue(first.out().contains("  ⚠ Session saved locally but not synced to remote: 'continuum sync' pushes it later\n"),
                first.out());
        String id1 = sessionId(first.out());
        assertTrue(Files.isDirectory(fx.vault().resolve("sessions").resolve(id1)));

        Repos.bare(later);
        Fixture.Result second = fx.run(ws, "save", "-m", "online", "--no-wip-push");
        assertEquals(0, second.code(), second.all());
        assertTrue(second.out().contains("  ✓ Pushed to private repo"), second.out());
        String id2 = sessionId(second.out());
        try (RemoteVault remote = RemoteVault.at(later)) {
            assertEquals(Set.of(id1, id2), remote.listed());
            assertEquals(Set.of(id1, id2), remote.sessionRefs());
        }
    }

    @Test
    void twoMachinesSavingToOneRemoteMergeWithoutHelp() throws Exception {
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", vaultRemote.toString());
            fx.set("CONTINUUM_REPO_URL", vaultRemote.toString());
            assertEquals(0, other.run(ws, "init").code());
            Fixture.Result a = fx.run(ws, "save", "-m", "machine A", "--no-wip-push");
            assertTrue(a.out().contains("Pushed to private repo"), a.out());
            Fixture.Result b = other.run(ws, "save", "-m", "machine B", "--no-wip-push");
            assertTrue(b.out().contains("Pushed to private repo"), b.out());
            try (RemoteVault remote = RemoteVault.at(vaultRemote)) {
                assertEquals(Set.of(sessionId(a.out()), sessionId(b.out())), remote.listed());
                assertEquals(remote.listed(), remote.sessionRefs());
            }
        }
    }

    @Test
    void aVaultStartedOfflineMergesWithTheRemoteItCouldNotReach() throws Exception {
        Path later = fx.root.resolve("shared.git");
        fx.set("CONTINUUM_REPO_URL", later.toString());
        String offline = fx.run(ws, "save", "-m", "offline on B", "--no-wip-push").sessionId();
        Repos.bare(later);
        try (Fixture a = new Fixture()) {
            a.set("CONTINUUM_REPO_URL", later.toString());
            String fromA = a.run(ws, "save", "-m", "from A", "--no-wip-push").sessionId();
            Fixture.Result b = fx.run(ws, "save", "-m", "B again", "--no-wip-push");
            assertTrue(b.out().contains("  ✓ Pushed to private repo"), b.out());
            try (RemoteVault remote = RemoteVault.at(later)) {
                assertEquals(Set.of(offline, fromA, b.sessionId()), remote.listed());
                assertEquals(remote.listed(), remote.sessionRefs());
            }
        }
    }

    @Test
    void localOnlyVaultIsANormalSuccess() throws Exception {
        Fixture.Result r = fx.run(ws, "save", "-m", "local", "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("(no remote configured)"), r.out());
        try (Git v = Git.open(fx.vault().toFile())) {
            Repository repo = v.getRepository();
            assertNotNull(repo.resolve("refs/continuum/index/sessions"), "the session is listed");
            assertNotNull(repo.resolve("refs/continuum/sessions/" + r.sessionId()), "under its own ref");
        }
    }

    @Test
    void onAMachineWhereJGitNeverMeasuredTheDiskTheWorkspacesGitFolderIsLeftAlone() throws Exception {
        // JGit measures a file system's file times the first time it reads a folder there, with probe
        // files written for ~3 s, and keeps the result only when the measurement ends before the JVM.
        // A home of its own (no JGit settings) makes the second save's JVM such a machine. A project
        // with no conversation: the first folder that JGit reads in the save is then the project's.
        Path project = stagedProject("project-without-conversation", "one\n");
        try (Git git = Git.open(project.toFile())) {
            git.commit().setMessage("one").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        }
        assertEquals(0, fx.run(project, "save", "-m", "first").code(), "the vault exists");
        stagedProject("project-without-conversation", "two\n");
        Map<String, String> before = Repos.fingerprint(project);
        saveWithoutJGitSettings(project, Map.of(), "second");
        assertEquals(before, Repos.fingerprint(project), "no probe came and went in the project's .git");
    }

    @Test
    void theFirstSaveOnSuchAMachineLeavesTheProjectsGitFolderAloneToo() throws Exception {
        // No vault yet: continuum's cache folder (which the start of any run through JBang makes) stands in.
        Path project = stagedProject("first-project", "one\n");
        Path cache = fx.dir("cache");
        Files.createDirectories(cache.resolve("continuum"));
        Map<String, String> before = Repos.fingerprint(project);
        String out = saveWithoutJGitSettings(project, Map.of("XDG_CACHE_HOME", cache.toString()), "first");
        assertTrue(Files.isDirectory(fx.vault().resolve(".git")), "the vault was made: " + out);
        assertEquals(before, Repos.fingerprint(project), "no probe came and went in the project's .git");
    }

    @Test
    void aFirstSaveBeforeInstallOfAProjectOnAnotherDiskLeavesItAloneWhereContinuumsCloneIsOnThatDisk() throws Exception {
        // The README's first save, of a project on another disk than the home folder (no vault, no
        // cache there): the clone continuum runs from, usually beside the projects, stands in.
        Path disk = fx.dirOnAnotherDisk("disk");
        Path clone = Files.createDirectories(disk.resolve("continuum/.git")).getParent();
        Files.writeString(clone.resolve("continuum.java"), "");
        Path project = stagedProject(Files.createDirectories(disk.resolve("project")), "one\n");
        Map<String, String> before = Repos.fingerprint(project);
        saveWithoutJGitSettings(project, Map.of("CONTINUUM_LAUNCHER", clone.resolve("jbang").toString()), "first");
        assertEquals(before, Repos.fingerprint(project), "no probe came and went in the project's .git");
    }

    /** A project of its own (no conversation) whose a.txt, with this text, was staged a moment ago. */
    private Path stagedProject(String name, String text) throws Exception {
        return stagedProject(fx.dir(name), text);
    }

    private Path stagedProject(Path project, String text) throws Exception {
        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
            Files.writeString(project.resolve("a.txt"), text);
            git.add().addFilepattern("a.txt").call();
        }
        return project;
    }

    /** A save in a JVM of its own whose home holds no JGit settings (JGit has measured nothing there). */
    private String saveWithoutJGitSettings(Path project, Map<String, String> env, String message) throws Exception {
        ProcessBuilder pb = support.Cli.javaProcess(fx, project, List.of("-Duser.home=" + fx.dir("home-without-jgit-settings")),
                "save", "-m", message);
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void outsideARepositoryTheConversationAndHostAreStillSaved() throws Exception {
        Path plain = fx.dir("plain-folder");
        Transcripts.write(fx.claude(), plain, AGENT, "hello");
        Fixture.Result r = fx.run(plain, "save", "--workspace", plain.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Captured git state: N/A\n"), r.out());
        assertTrue(r.out().contains("  ✓ Saved conversation (claude-code "), r.out());
        Path session = fx.vault().resolve("sessions").resolve(sessionId(r.out()));
        assertFalse(Files.exists(session.resolve("workspace.bundle")));
        assertFalse(Json.COMPACT.readTree(session.resolve("metadata.json").toFile()).path("git").path("is_repo").asBoolean());
    }

    @Test
    void missingTranscriptIsAWarningNotAFailure() throws Exception {
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push", "--session", "99999999-9999-4999-8999-999999999999");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ⚠ No conversation found for session 99999999-9999-4999-8999-999999999999"), r.out());
        sessionId(r.out());
    }

    @Test
    void anEmptySessionValueFallsBackToFindingTheConversation() {
        fx.set("CLAUDE_SESSION_ID", AGENT);
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push", "--session", "", "-m", "");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Saved conversation (claude-code "), r.out());
    }

    @Test
    void vaultPathThatIsAFileIsOneClearLine() throws Exception {
        Files.writeString(fx.vault(), "oops");
        Fixture.Result r = fx.run(ws, "save");
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("continuum: the vault path "), r.err());
    }

    @Test
    void invalidSessionValueIsOneClearLine() {
        Fixture.Result r = fx.run(ws, "save", "--session", "not-a-uuid");
        assertEquals(1, r.code());
        assertEquals("continuum: --session must be a Claude Code session id (a UUID), got 'not-a-uuid'\n", r.err());
    }

    @Test
    void noPushKeepsTheCommitLocal() throws Exception {
        fx.set("CONTINUUM_REPO_URL", vaultRemote.toString());
        Fixture.Result r = fx.run(ws, "save", "--no-push", "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        try (Git g = Git.open(vaultRemote.toFile())) {
            assertEquals(null, g.getRepository().resolve("refs/heads/main"));
        }
    }

    @Test
    void offlineSavesOfOneConversationReachTheRemoteAsADeltaOfEachOther() throws Exception {
        fx.set("CONTINUUM_REPO_URL", vaultRemote.toString());
        List<String> prompts = new java.util.ArrayList<>(Transcripts.prompts(2_000, 7));
        Transcripts.write(fx.claude(), ws, AGENT, prompts.toArray(String[]::new));
        assertEquals(0, fx.run(ws, "save", "--no-push", "--no-wip-push", "--session", AGENT, "-m", "evening").code());
        prompts.add("one more thing");
        Path t = Transcripts.write(fx.claude(), ws, AGENT, prompts.toArray(String[]::new));
        assertEquals(0, fx.run(ws, "save", "--no-push", "--no-wip-push", "--session", AGENT, "-m", "later").code());

        long before = Repos.bytesIn(vaultRemote);
        Fixture.Result sync = fx.run(ws, "sync");
        assertEquals(0, sync.code(), sync.all());
        // The two saves of one conversation go in one push: the second as its change to the first.
        long sent = Repos.bytesIn(vaultRemote) - before;
        long once = Repos.deflated(Files.readAllBytes(t));
        assertTrue(sent < once * 3 / 2, sent + " bytes reached the remote for two saves of a conversation that deflates to " + once);
    }

    @Test
    void secretsInTheConversationNeverReachTheVault() throws Exception {
        String token = "ghp_" + "Z".repeat(36);
        Path t = fx.claude().resolve("projects").resolve(lib.agent.claude.ClaudeCode.encode(ws)).resolve(AGENT + ".jsonl");
        Files.writeString(t, Files.readString(t) + "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"use " + token + "\"}}\n");
        Fixture.Result r = fx.run(ws, "save", "--session", AGENT, "--no-wip-push");
        assertTrue(r.out().contains("  ⚠ Redacted 1 secret(s) from the saved text: github_token"), r.out());
        Path conv = fx.vault().resolve("sessions").resolve(sessionId(r.out())).resolve("conversation.jsonl");
        String saved = Files.readString(conv);
        assertFalse(saved.contains(token));
        for (String line : saved.split("\n")) {
            Json.COMPACT.readTree(line);
        }
    }
}
