package lib;


import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import lib.agent.Agent;
import lib.agent.Agents;
import lib.base.Env;
import lib.base.Errors;
import lib.base.FastStart;
import lib.base.Launcher;
import lib.base.UserError;
import lib.git.Remotes;
import lib.session.Session;
import lib.term.Console;
import lib.term.Text;
import lib.vault.SessionStore;
import lib.vault.Vault;
import lib.vault.VaultHealth;

/** What `doctor` checks and says what to fix: vault, sessions, bundles, remote, SSH key, agents. */
public final class Checkup {
    public enum Level { OK, WARN, FAIL }

    public record Finding(Level level, String text) {
    }

    private final Env env;
    private final Console console;
    private final List<Finding> findings = new ArrayList<>();
    private boolean fix;

    public Checkup(Env env, Console console) {
        this.env = env;
        this.console = console;
    }

    /** Also repair what the vault's health check finds. */
    public Checkup setFix(boolean fix) {
        this.fix = fix;
        return this;
    }

    public List<Finding> run() {
        checkVault();
        checkKey();
        checkAgents();
        checkStart();
        return List.copyOf(findings);
    }

    private void ok(String t) {
        findings.add(new Finding(Level.OK, t));
    }

    private void warn(String t) {
        findings.add(new Finding(Level.WARN, t));
    }

    private void fail(String t) {
        findings.add(new Finding(Level.FAIL, t));
    }

    private void checkVault() {
        Path dir = env.vaultDir();
        try (Vault vault = Vault.open(env, Vault.Need.LOCAL, console)) {
            if (!vault.exists()) {
                warn("No vault at " + dir + " yet: 'continuum save' or 'continuum init [--remote URL]' creates it");
                return;
            }
            Repository repo = vault.git().getRepository();
            long objects = walkObjects(repo);
            ok("Vault " + dir + ": " + objects + " objects, all readable");
            checkLayout(vault);
            checkSessions(vault);
            checkRemote(vault);
            checkAutoSave(vault);
        } catch (UserError e) {
            fail(e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail("The vault's git data is damaged: " + Errors.oneLine(e)
                    + " (clone the remote afresh into a new CONTINUUM_HOME)");
        }
    }

    private static long walkObjects(Repository repo) throws IOException {
        long n = 0;
        try (ObjectWalk ow = new ObjectWalk(repo)) {
            for (Ref r : repo.getRefDatabase().getRefs()) {
                if (r.getObjectId() != null) {
                    ow.markStart(ow.parseAny(r.getObjectId()));
                }
            }
            while (ow.next() != null) {
                n++;
            }
            RevObject o;
            while ((o = ow.nextObject()) != null) {
                repo.open(o).getSize();
                n++;
            }
        }
        return n;
    }

    private void checkSessions(Vault vault) throws IOException {
        SessionStore store = vault.sessions();
        int good = 0;
        List<String> bad = new ArrayList<>();
        for (String id : store.ids()) {
            Session s = store.load(id);
            if (s.newerFormat()) {
                // Its files may be stored in ways this release does not know: not this release's to judge.
                warn("Session " + id + ": " + s.newerFormatNote() + "; not checked");
                continue;
            }
            String problem = s.damaged() ? s.damage() : bundleProblem(s.folder().bundle());
            if (problem == null) {
                good++;
            } else {
                bad.add(id + ": " + problem);
            }
        }
        ok(good + " session(s) complete");
        bad.forEach(b -> fail("Session " + b));
    }

    /** The layout, the size, and whether the sessions' refs, the list and the remote agree. */
    private void checkLayout(Vault vault) throws IOException {
        VaultHealth h = vault.health();
        ok("Layout " + h.layout() + (h.layout() < 2 ? " (every session on one branch: the next save, or 'continuum migrate', moves it)"
                : " (each session under its own ref)") + ", " + Text.size(h.bytes()) + " here; "
                + h.listed() + " session(s) listed, " + h.fetched() + " of them here in full");
        if (h.remoteProblem() != null) {
            warn("Could not compare with the remote's sessions: " + h.remoteProblem());
        }
        if (!h.unlisted().isEmpty()) {
            warn(h.unlisted().size() + " session(s) saved but not listed (an interrupted save): " + String.join(", ", first(h.unlisted()))
                    + (fix ? "" : " — 'continuum doctor --fix' lists them"));
        }
        if (!h.missing().isEmpty()) {
            String text = h.missing().size() + " listed session(s) exist nowhere, here or on the remote: "
                    + String.join(", ", first(h.missing()));
            if (fix) {
                warn(text);
            } else {
                fail(text + " — 'continuum doctor --fix' drops them from the list");
            }
        }
        if (!h.unlistedOnRemote().isEmpty()) {
            warn(h.unlistedOnRemote().size() + " session(s) on the remote are missing from its list (a push cut short): "
                    + String.join(", ", first(h.unlistedOnRemote())) + (fix ? "" : " — 'continuum doctor --fix' lists them"));
        }
        if (fix && !h.sound()) {
            vault.repair(h).forEach(this::ok);
        }
    }

    private static List<String> first(List<String> ids) {
        return ids.size() <= 3 ? ids : List.of(ids.get(0), ids.get(1), ids.get(2), "...");
    }

    /** A bundle must start with git's bundle header and hold at least one ref. */
    static String bundleProblem(Path bundle) {
        if (!Files.exists(bundle)) {
            return null; // sessions outside a repository, or written by the original tool
        }
        try (BufferedReader r = Files.newBufferedReader(bundle, StandardCharsets.ISO_8859_1)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("# v2 git bundle") && !header.startsWith("# v3 git bundle")) {
                return "workspace.bundle is not a git bundle";
            }
            String line;
            int refs = 0;
            while ((line = r.readLine()) != null && !line.isEmpty()) {
                if (!line.startsWith("-") && !line.startsWith("@")) {
                    refs++;
                }
            }
            return refs == 0 || line == null ? "workspace.bundle is cut short" : null;
        } catch (IOException e) {
            return "workspace.bundle is unreadable (" + e.getMessage() + ")";
        }
    }

    private void checkRemote(Vault vault) {
        String url = vault.remoteUrl();
        if (url == null) {
            ok("Local-only vault (set CONTINUUM_REPO_URL or 'continuum init --remote URL' to sync it)");
            return;
        }
        String shown = vault.remoteShown();
        try {
            Remotes.forVault(env).setWaitNotice(url, console::pending).call("reading its refs", Git.lsRemoteRepository().setRemote(url),
                    org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
            ok("Remote " + shown + " is reachable");
        } catch (Exception e) {
            fail("Remote " + shown + " cannot be reached: " + Remotes.explain(e, env));
        }
        try {
            long notPushed = vault.sessions().ids().stream()
                    .filter(id -> vault.pushState(id) == Vault.PushState.NOT_PUSHED).count();
            if (notPushed > 0) {
                warn(notPushed + " session(s) not pushed yet: run 'continuum sync'");
            }
        } catch (IOException e) {
            warn("Could not compare with the remote: " + e.getMessage());
        }
    }

    /** When the last automatic save ran and how it ended, from its log. */
    private void checkAutoSave(Vault vault) {
        Path log = vault.local().logFile("auto-save");
        if (!vault.autoSave()) {
            warn("Auto-save is off ('continuum config auto-save on' turns it on)");
        }
        if (!Files.isRegularFile(log)) {
            return;
        }
        try (var lines = Files.lines(log)) {
            String last = lines.filter(l -> l.startsWith("result: ")).reduce((a, b) -> b).orElse(null);
            if (last != null) {
                String text = "Last auto-save: " + last.substring("result: ".length()) + " (log: " + log + ")";
                if (last.contains(" failed: ")) {
                    warn(text);
                } else {
                    ok(text);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            warn("Could not read " + log + ": " + e.getMessage());
        }
    }

    /** How this run started: directly on java (the installed command's quick way), or through JBang. */
    private void checkStart() {
        if ("direct".equals(env.get("CONTINUUM_START"))) {
            ok("Starts directly on java (the installed command, with the class path a run through JBang left"
                    + (FastStart.archived(env) ? " and a class-data archive" : "") + ")");
        } else if (Launcher.checkout(env).isPresent()) {
            ok("Started through JBang; the installed 'continuum' starts directly from the next run on");
        }
    }

    private void checkKey() {
        Path key = Remotes.keyPath(env);
        if (key == null) {
            ok("SSH: your usual keys and ~/.ssh/config (no CONTINUUM_KEY_PATH or ~/.ssh/continuum_key)");
            return;
        }
        if (!Files.isRegularFile(key)) {
            fail("SSH key " + key + " (CONTINUUM_KEY_PATH) does not exist");
            return;
        }
        if (Remotes.isEncrypted(key)) {
            warn("SSH key " + key + " has a passphrase: saves without a terminal need it in ssh-agent");
        } else {
            ok("SSH key " + key);
        }
        if (!Files.isRegularFile(env.home().resolve(".ssh/known_hosts"))) {
            warn("No ~/.ssh/known_hosts: an ssh:// vault remote will be refused until its host key is added");
        }
    }

    private void checkAgents() {
        for (Agent agent : Agents.all(env)) {
            for (Agent.Check c : agent.checks()) {
                findings.add(new Finding(c.ok() ? Level.OK : Level.WARN, c.text()));
            }
        }
    }
}
