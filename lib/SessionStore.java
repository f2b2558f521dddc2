package lib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** Finds sessions in a vault folder, newest first, reading as little as it can. */
public final class SessionStore {
    private final Path sessionsDir;

    public SessionStore(Path vaultDir) {
        this.sessionsDir = vaultDir.resolve(Vault.SESSIONS);
    }

    /**
     * Session folder names, newest first. Ids start with their local save time, so the name order
     * is the time order and no metadata has to be read to sort.
     */
    public List<String> ids() throws IOException {
        if (!Files.isDirectory(sessionsDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(sessionsDir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted(Comparator.reverseOrder()).toList();
        }
    }

    /** Sessions of the project in dir: saved from that folder, or from a clone of the same origin. */
    public static Predicate<SessionInfo> ofProject(Path dir) throws IOException {
        Path root = ClaudeCode.realPath(dir);
        String url = null;
        try (org.eclipse.jgit.lib.Repository repo = WorkspaceSnapshot.open(root)) {
            if (repo != null) {
                root = ClaudeCode.realPath(repo.getWorkTree().toPath());
                String u = repo.getConfig().getString("remote", "origin", "url");
                url = u == null ? null : RestoreTarget.normalize(u);
            }
        } catch (UserError e) {
            // a bare repository: match by path only
        }
        String path = root.toString();
        String remote = url;
        return s -> path.equals(s.workspacePath())
                || (remote != null && s.remoteUrl() != null && remote.equals(RestoreTarget.normalize(s.remoteUrl())));
    }

    /** Up to limit sessions (0 = all) that match the filter, newest first. */
    public List<SessionInfo> list(Predicate<SessionInfo> filter, int limit) throws IOException {
        List<SessionInfo> out = new ArrayList<>();
        for (String id : ids()) {
            SessionInfo s = SessionInfo.load(sessionsDir.resolve(id));
            if (filter.test(s)) {
                out.add(s);
                if (limit > 0 && out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Resolves what a user typed: "latest", a row number from `list`, a full id, or a unique
     * prefix (with or without "session-"). Unknown or ambiguous input is a UserError.
     */
    public SessionInfo find(String ref) throws IOException {
        List<String> ids = ids();
        if (ids.isEmpty()) {
            throw new UserError("the vault has no sessions yet: save one with 'continuum save'");
        }
        if (ref == null || ref.equals("latest")) {
            return SessionInfo.load(sessionsDir.resolve(ids.get(0)));
        }
        if (ref.matches("\\d{1,6}")) {
            int n = Integer.parseInt(ref);
            if (n < 1 || n > ids.size()) {
                throw new UserError("there is no session number " + n + " (the vault has " + ids.size() + ")");
            }
            return SessionInfo.load(sessionsDir.resolve(ids.get(n - 1)));
        }
        if (ids.contains(ref)) {
            return SessionInfo.load(sessionsDir.resolve(ref));
        }
        List<String> matches = ids.stream()
                .filter(id -> id.startsWith(ref) || id.startsWith("session-" + ref) || id.endsWith(ref)).toList();
        if (matches.size() == 1) {
            return SessionInfo.load(sessionsDir.resolve(matches.get(0)));
        }
        if (matches.isEmpty()) {
            throw new UserError("no session matches '" + ref + "' (see 'continuum list')");
        }
        throw new UserError("'" + ref + "' matches " + matches.size() + " sessions: "
                + String.join(", ", matches.subList(0, Math.min(5, matches.size())))
                + (matches.size() > 5 ? ", ..." : ""));
    }

    /** Session ids present on the vault's remote-tracking branch; null when there is no remote. */
    public static Set<String> onRemote(Repository vault, String branch) throws IOException {
        if (vault.getConfig().getString("remote", "origin", "url") == null) {
            return null;
        }
        return sessionIds(vault, "refs/remotes/origin/" + branch);
    }

    /** Session ids in the tree of a commit (empty when the ref does not exist yet). */
    public static Set<String> sessionIds(Repository vault, String ref) throws IOException {
        ObjectId commit = vault.resolve(ref);
        Set<String> ids = new HashSet<>();
        if (commit == null) {
            return ids;
        }
        try (RevWalk rw = new RevWalk(vault); TreeWalk tw = new TreeWalk(vault)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setFilter(PathFilter.create(Vault.SESSIONS));
            while (tw.next()) {
                if (tw.getPathString().equals(Vault.SESSIONS)) {
                    tw.enterSubtree();
                    continue;
                }
                ids.add(tw.getNameString());
            }
        }
        return ids;
    }
}
