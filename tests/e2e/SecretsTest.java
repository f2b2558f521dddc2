package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lib.base.Json;
import lib.secrets.RedactorTest;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.RemoteVault;
import support.Repos;
import support.Transcripts;

/** One secret of every kind in the conversation and in the work: none reaches the vault remote. */
class SecretsTest extends FixtureTest {
    static final String AGENT = "5ec2e700-aaaa-4bbb-8ccc-dddddddddddd";

    @Test
    void noSecretSurvivesInTheRemoteVaultAndTheTranscriptStillParses() throws Exception {
        Path ws = fx.project();
        List<String> secrets = new ArrayList<>(RedactorTest.SAMPLES.values());
        StringBuilder config = new StringBuilder("settings = {}\n");
        List<String> lines = new ArrayList<>(Transcripts.lines(AGENT, ws, "deploy it"));
        for (String secret : secrets) {
            lines.add("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":" + Json.COMPACT.valueToTree("here: " + secret) + "}}");
            lines.add("{\"type\":\"assistant\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"name\":\"Bash\","
                    + "\"input\":{\"command\":" + Json.COMPACT.valueToTree("export X='" + secret + "'") + "}}]}}");
            config.append("# ").append(secret).append('\n');
        }
        Path t = Transcripts.write(fx.claude(), ws, AGENT);
        Files.write(t, lines);
        Repos.write(ws, "src/app.py", "print('hello')\n" + config);
        Path remote = fx.useVaultRemote();

        Fixture.Result r = fx.run(ws, "save", "-m", "token " + RedactorTest.SAMPLES.get("github_token"),
                "--session", AGENT, "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ⚠ Left out src/app.py: holds a secret ("), r.out());
        assertTrue(r.out().contains("  ⚠ Redacted "), r.out());

        String everything = allBlobText(remote);
        for (String secret : secrets) {
            String core = secret.replaceAll(".*[ =:]", "").replaceAll("@.*", "");
            assertFalse(everything.contains(core), "leaked: " + core);
        }
        try (RemoteVault v = RemoteVault.at(remote)) {
            Path conv = v.files(r.sessionId(), fx.root.resolve("check")).resolve("conversation.jsonl");
            for (String line : Files.readAllLines(conv)) {
                Json.COMPACT.readTree(line); // still JSON, line by line
            }
        }
    }

    /** Every blob reachable in the repository, bundles opened and their blobs included. */
    private String allBlobText(Path bare) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Repository repo = Git.open(bare.toFile()).getRepository(); ObjectWalk ow = new ObjectWalk(repo)) {
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                ow.markStart(ow.parseAny(ref.getObjectId()));
            }
            while (ow.next() != null) {
                // commits
            }
            RevObject o;
            int bundles = 0;
            while ((o = ow.nextObject()) != null) {
                if (o.getType() != Constants.OBJ_BLOB) {
                    continue;
                }
                byte[] bytes = repo.open(o).getBytes();
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                all.append(text);
                if (text.startsWith("# v2 git bundle")) {
                    Path b = Files.createTempFile(fx.root, "b", ".bundle");
                    Files.write(b, bytes);
                    all.append(bundleBlobs(b, ++bundles));
                }
            }
        }
        return all.toString();
    }

    private String bundleBlobs(Path bundle, int n) throws Exception {
        Path dir = fx.root.resolve("unbundle-" + n);
        StringBuilder all = new StringBuilder();
        try (Git g = Repos.cloneOf(fx.root.resolve("origin.git"), dir)) {
            Repos.fetchBundle(g, bundle);
            Repository repo = g.getRepository();
            try (ObjectWalk ow = new ObjectWalk(repo)) {
                ow.markStart(ow.parseAny(repo.resolve("refs/bundle/continuum/snapshot")));
                for (Ref ref : repo.getRefDatabase().getRefsByPrefix("refs/remotes/")) {
                    ow.markUninteresting(ow.parseAny(ref.getObjectId()));
                }
                while (ow.next() != null) {
                    // commits
                }
                RevObject o;
                while ((o = ow.nextObject()) != null) {
                    if (o.getType() == Constants.OBJ_BLOB) {
                        all.append(new String(repo.open(o).getBytes(), StandardCharsets.ISO_8859_1));
                    }
                }
            }
        }
        return all.toString();
    }

    @Test
    void ourOwnSourcesAreNotRedacted() throws Exception {
        // A false-positive check on real source text that is always at hand: this repository's
        // code and docs (tests/ holds deliberate secrets, so it is not part of the corpus).
        Path root = support.Cli.repoRoot();
        lib.secrets.Redactor r = new lib.secrets.Redactor();
        List<String> hits = new ArrayList<>();
        try (var files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".md"))::iterator) {
                String rel = root.relativize(f).toString();
                if (rel.startsWith(".git/") || rel.startsWith("tests/")) {
                    continue;
                }
                for (String line : Files.readAllLines(f)) {
                    int before = r.total();
                    r.redact(line);
                    if (r.total() > before) {
                        hits.add(root.relativize(f) + ": " + line.strip());
                    }
                }
            }
        }
        assertEquals(List.of(), hits);
    }
}
