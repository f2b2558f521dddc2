package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import lib.base.FileUtil;
import lib.base.Json;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import support.Cli;
import support.Fixture;
import support.FixtureTest;
import support.Repos;
import support.Snapshot;
import support.Transcripts;
import support.VaultCheck;

/** Workspaces and transcripts in the states real machines leave them in; each once broke a save. */
class OddWorkspacesTest extends FixtureTest {
    static final String AGENT = "0dd0dd00-1111-4222-8333-444455556666";

    private JsonNode meta(Fixture.Result r) throws Exception {
        return Json.COMPACT.readTree(fx.vault().resolve("sessions").resolve(r.sessionId()).resolve("metadata.json").toFile());
    }

    /** Resumes the latest session on a second machine into an empty folder. */
    private Path resumeElsewhere() throws Exception {
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", fx.vaultRemote().toString());
            Path target = fx.dir("elsewhere");
            Fixture.Result r = other.run(target, "resume", "latest", "--no-launch", "--workspace", target.toString());
            assertEquals(0, r.code(), r.all());
            return target;
        }
    }

    @Test
    void aDotGitFilePointingElsewhereSavesTheRealWorkTree() throws Exception {
        Path ws = fx.project();
        Path gitDir = fx.root.resolve("elsewhere.git");
        Files.move(ws.resolve(".git"), gitDir);
        Files.writeString(ws.resolve(".git"), "gitdir: " + gitDir + "\n");
        try (Git git = Git.open(ws.toFile())) {
            git.getRepository().getConfig().setString("core", null, "worktree", ws.toString());
            git.getRepository().getConfig().save();
        }
        Files.writeString(fx.root.resolve("unrelated.txt"), "beside the git folder, not in the project\n");
        fx.useVaultRemote();
        Snapshot before = Snapshot.of(ws, Set.of("build", "debug.log", ".env"));
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertEquals(ws.toRealPath().toString(), meta(r).path("workspace_path").asText());
        assertEquals(4, meta(r).path("git").path("changed_count").asInt(), "the real changes, none shown deleted");
        FileUtil.deleteTree(ws);
        Path target = resumeElsewhere();
        assertEquals(before.files(), Snapshot.of(target, Set.of()).files());
        assertFalse(Files.exists(target.resolve("unrelated.txt")));
    }

    @Test
    void aNonAsciiNameUnderACLocaleIsSavedNotLost() throws Exception {
        Path ws = fx.project(); // holds "notes/todo with space é.txt"
        fx.useVaultRemote();
        Snapshot before = Snapshot.of(ws, Set.of("build", "debug.log", ".env"));
        ProcessBuilder pb = Cli.javaProcess(fx, ws, "save", "-m", "under LANG=C", "--no-wip-push");
        pb.environment().put("LANG", "C");
        pb.environment().remove("LC_ALL");
        Fixture.Result r = Cli.run(pb.command(), pb.environment(), ws, 120);
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Captured git state: main"), r.out());
        FileUtil.deleteTree(ws);
        assertEquals(before.files(), Snapshot.of(resumeElsewhere(), Set.of()).files());
    }

    @Test
    void aShallowCloneOfATagIsSavedToItsBoundary() throws Exception {
        Path origin = Repos.bare(fx.root.resolve("origin.git"));
        Path src = fx.root.resolve("src");
        try (Git git = Repos.init(src)) {
            git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(origin.toUri().toString())).call();
            for (int i = 1; i <= 3; i++) {
                Repos.write(src, "v.txt", i + "\n");
                Repos.commit(git, "release " + i);
                if (i == 2) {
                    git.tag().setName("v2").setAnnotated(false).call();
                }
            }
            git.push().setRemote("origin").setPushAll().setPushTags().call();
        }
        Path ws = fx.root.resolve("ws");
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(ws.toFile()).setDepth(1)
                .setBranch("refs/tags/v2").call().close();
        assertTrue(Files.exists(ws.resolve(".git/shallow")), "a shallow clone");
        Repos.write(ws, "v.txt", "2, patched\n");
        fx.useVaultRemote();
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Captured git state: HEAD (detached at "), r.out());
        FileUtil.deleteTree(ws);
        assertEquals("2, patched\n", Files.readString(resumeElsewhere().resolve("v.txt")));
    }

    @Test
    void aTranscriptTornInsideACharacterKeepsEveryWholeLine() throws Exception {
        Path ws = fx.project();
        Path t = Transcripts.write(fx.claude(), ws, AGENT, "héllo wörld");
        byte[] whole = Files.readAllBytes(t);
        byte[] torn = "{\"type\":\"user\",\"message\":{\"content\":\"caf\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[whole.length + torn.length - 1]; // cut inside the two bytes of é
        System.arraycopy(whole, 0, bytes, 0, whole.length);
        System.arraycopy(torn, 0, bytes, whole.length, torn.length - 1);
        Files.write(t, bytes);
        Fixture.Result r = fx.run(ws, "save", "--session", AGENT, "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ⚠ The conversation's last line was cut off"), r.out());
        Path saved = fx.vault().resolve("sessions").resolve(r.sessionId()).resolve("conversation.jsonl");
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(saved)), "every byte kept, the torn tail as it was");
        assertTrue(Files.exists(fx.vault().resolve("sessions").resolve(r.sessionId()).resolve("workspace.bundle")));
    }

    @Test
    void aFullDiskFailsTheSaveInsteadOfMakingItSmaller() throws Exception {
        Path small = fx.dir("small-disk");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "mounting a 1 MB tmpfs needs root (skipped otherwise)");
        try {
            Path ws = fx.project();
            byte[] data = new byte[3 << 20];
            new Random(1).nextBytes(data);
            Files.write(ws.resolve("data.bin"), data);
            fx.set("CONTINUUM_HOME", small.resolve("vault").toString());
            assertEquals(0, fx.run(ws, "init").code());
            Map<String, String> before = Repos.fingerprint(ws);
            Fixture.Result r = fx.run(ws, "save", "--no-wip-push");
            assertEquals(1, r.code(), r.all());
            assertTrue(r.err().startsWith("continuum: "), r.err());
            assertTrue(r.err().contains("No space left on device"), r.err());
            assertFalse(r.out().contains("Session ID:"), "no session is claimed");
            assertFalse(r.out().contains("Left out data.bin"), r.out());
            assertEquals(before, Repos.fingerprint(ws));
            assertEquals(Set.of(), VaultCheck.assertSound(small.resolve("vault")));
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    @Test
    void stagedSecretsAreLeftOutOfTheIndexToo() throws Exception {
        Path ws = fx.project();
        String key = "AKIA" + "Q".repeat(16);
        try (Git git = Git.open(ws.toFile())) {
            git.add().addFilepattern(".env").call();
            Repos.write(ws, "deploy.cfg", "aws_key = " + key + "\n");
            git.add().addFilepattern("deploy.cfg").call();
        }
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ⚠ Left out .env: staged, and looks like a secret"), r.out());
        assertTrue(r.out().contains("  ⚠ Left out deploy.cfg: staged, and holds a secret (aws_access_key"), r.out());
        Path session = fx.vault().resolve("sessions").resolve(r.sessionId());
        assertFalse(Files.readString(session.resolve("snapshot.patch")).contains("API_TOKEN"));
        try (Git check = Repos.cloneOf(fx.root.resolve("origin.git"), fx.root.resolve("check"))) {
            Repos.fetchBundle(check, session.resolve("workspace.bundle"));
            var repo = check.getRepository();
            for (String ref : new String[] {"refs/bundle/continuum/index", "refs/bundle/continuum/snapshot"}) {
                assertEquals(null, repo.resolve(ref + ":.env"), ref);
                assertEquals(null, repo.resolve(ref + ":deploy.cfg"), ref);
            }
        }
    }

    @Test
    void aCommitFlaggedForASecretIsNeverPushedToTheProjectsOrigin() throws Exception {
        Path ws = fx.project();
        try (Git git = Git.open(ws.toFile())) {
            Repos.write(ws, "ci.yml", "token: glpat-" + "x".repeat(24) + "\n");
            Repos.commit(git, "ci");
        }
        Fixture.Result r = fx.run(ws, "save");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ⚠ Not pushing a wip branch: an unpushed commit holds a secret"), r.out());
        try (Git origin = Git.open(fx.root.resolve("origin.git").toFile())) {
            assertTrue(origin.getRepository().getRefDatabase().getRefsByPrefix("refs/heads/claude-wip").isEmpty());
        }
        Fixture.Result noPush = fx.run(ws, "save", "--no-push");
        assertFalse(noPush.out().contains("Pushed wip branch"), "--no-push pushes nothing anywhere");
    }

    @Test
    void aTokenInTheOriginUrlIsStoredNowhere() throws Exception {
        Path ws = fx.project();
        String token = "ghp_" + "T".repeat(36);
        try (Git git = Git.open(ws.toFile())) {
            git.getRepository().getConfig().setString("remote", "origin", "url", "https://" + token + "@github.com/me/app.git");
            git.getRepository().getConfig().save();
        }
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertEquals("https://github.com/me/app.git", meta(r).path("git").path("remote_url").asText());
        assertFalse(fx.run(ws, "show").out().contains(token));
        assertFalse(fx.run(ws, "doctor").all().contains(token));
    }

    @Test
    void secretsInNamesAndDescriptionsStayOut() throws Exception {
        Path ws = fx.project();
        String token = "ghp_" + "N".repeat(36);
        Repos.write(ws, ".env." + token, "X=1\n");
        for (String name : new String[] {".pgpass", ".envrc", "application-prod.properties", "terraform.tfvars"}) {
            Repos.write(ws, name, "content\n");
        }
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push", "-m", "fixed redis://:hunter2pass@db:6379 and sk_live_" + "4".repeat(24));
        assertEquals(0, r.code(), r.all());
        assertFalse(r.out().contains(token), r.out());
        for (String name : new String[] {".pgpass", ".envrc", "application-prod.properties", "terraform.tfvars"}) {
            assertTrue(r.out().contains("  ⚠ Left out " + name + ": looks like a secret"), r.out());
        }
        String stored = Files.readString(fx.vault().resolve("sessions").resolve(r.sessionId()).resolve("metadata.json"));
        assertFalse(stored.contains(token), stored);
        assertFalse(stored.contains("hunter2pass"), stored);
        assertFalse(stored.contains("sk_live_4444"), stored);
        try (Git vault = Git.open(fx.vault().toFile())) {
            String message = vault.log().add(vault.getRepository().resolve("refs/continuum/sessions/" + r.sessionId()))
                    .setMaxCount(1).call().iterator().next().getFullMessage();
            assertFalse(message.contains("hunter2pass") || message.contains("sk_live_4444"), message);
        }
    }

    @Test
    void aSubmoduleWithWorkOfItsOwnIsNamed() throws Exception {
        Path lib = fx.root.resolve("lib-src");
        try (Git l = Repos.init(lib)) {
            Repos.write(lib, "lib.txt", "v1\n");
            Repos.commit(l, "lib");
        }
        Path ws = fx.root.resolve("ws");
        try (Git git = Repos.init(ws)) {
            Repos.write(ws, "a.txt", "a\n");
            Repos.commit(git, "one");
            git.submoduleAdd().setPath("lib").setURI(lib.toUri().toString()).call().close();
            Repos.commit(git, "add lib");
        }
        Repos.write(ws, "lib/lib.txt", "changed inside the submodule\n");
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ⚠ Left out lib/: a submodule with uncommitted changes of its own"), r.out());
    }

    @Test
    void aFileGitConvertsComesBackWithItsBytesOnDisk() throws Exception {
        Path ws = fx.project();
        try (Git git = Git.open(ws.toFile())) {
            Repos.write(ws, ".gitattributes", "*.txt eol=crlf\n");
            git.add().addFilepattern(".gitattributes").call();
        }
        Repos.write(ws, "lf-in-a-crlf-file.txt", "written\nwith LF\n");
        Files.write(ws.resolve("crlf.txt"), "already\r\nCRLF\r\n".getBytes(StandardCharsets.UTF_8));
        fx.useVaultRemote();
        Snapshot before = Snapshot.of(ws, Set.of("build", "debug.log", ".env"));
        assertEquals(0, fx.run(ws, "save", "--no-wip-push").code());
        FileUtil.deleteTree(ws);
        Path target = resumeElsewhere();
        assertEquals("written\nwith LF\n", Files.readString(target.resolve("lf-in-a-crlf-file.txt")));
        assertEquals(before.files(), Snapshot.of(target, Set.of()).files());
        assertEquals(before.index(), Snapshot.of(target, Set.of()).index());
    }
}
