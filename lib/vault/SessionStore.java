package lib.vault;

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
import lib.base.UserError;
import lib.session.Session;
import lib.session.SessionFolder;
import lib.session.SessionId;
import lib.term.Text;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** The sessions in a vault, newest first, reading as little as it can. */
public final class SessionStore {
    private final Path sessionsDir;

    SessionStore(Path sessionsDir) {
        this.sessionsDir = sessionsDir;
    }

    /**
     * Session folder names, newest first. Ids start with their local save time, so the name order
     * is the time order and no metadata has to be read to sort. A folder whose name is not a
     * session id (a crafted or foreign one) is not a session, nor is a file with such a name.
     */
    public List<String> ids() throws IOException {
        return names().stream().filter(this::isFolder).toList();
    }

    /**
     * The names of ids(), sorted, before each is checked to be a folder: a reader that stops after a
     * few sessions checks only those (a file-system call each: of 10,000, a tenth of a list's time).
     */
    private List<String> names() throws IOException {
        if (!Files.isDirectory(sessionsDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(sessionsDir)) {
            return s.map(p -> p.getFileName().toString()).filter(SessionId::isValid)
                    .sorted(Comparator.reverseOrder()).toList();
        }
    }

    private boolean isFolder(String id) {
        return Files.isDirectory(sessionsDir.resolve(id));
    }

    public Session load(String id) {
        return SessionFolder.at(sessionsDir.resolve(id)).load();
    }

    /** Up to limit sessions (0 = all) that match the filter, newest first. */
    public List<Session> list(Predicate<Session> filter, int limit) throws IOException {
        List<Session> out = new ArrayList<>();
        for (String id : names()) {
            if (!isFolder(id)) {
                continue;
            }
            Session s = load(id);
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
    public Session find(String ref) throws IOException {
        List<String> names = names();
        if (ref == null || ref.equals("latest") || ref.matches("\\d{1,6}")) {
            int n = ref == null || ref.equals("latest") ? 1 : Integer.parseInt(ref);
            if (n >= 1) {
                int seen = 0;
                for (String id : names) {
                    if (isFolder(id) && ++seen == n) {
                        return load(id);
                    }
                }
            }
            long all = names.stream().filter(this::isFolder).count();
            if (all == 0) {
                throw new UserError("the vault has no sessions yet: save one with 'continuum save'");
            }
            throw new UserError("there is no session number " + n + " (the vault has " + all + ")");
        }
        if (names.contains(ref) && isFolder(ref)) {
            return load(ref);
        }
        List<String> matches = names.stream()
                .filter(id -> id.startsWith(ref) || id.startsWith("session-" + ref) || id.endsWith(ref))
                .filter(this::isFolder).toList();
        if (matches.size() == 1) {
            return load(matches.get(0));
        }
        if (matches.isEmpty()) {
            if (names.stream().noneMatch(this::isFolder)) {
                throw new UserError("the vault has no sessions yet: save one with 'continuum save'");
            }
            throw new UserError("no session matches '" + Text.oneLine(ref, 80) + "' (see 'continuum list')");
        }
        throw new UserError("'" + ref + "' matches " + matches.size() + " sessions: "
                + String.join(", ", matches.subList(0, Math.min(5, matches.size())))
                + (matches.size() > 5 ? ", ..." : ""));
    }

    /** Whether a commit holds sessions the way layout 1 kept them (a sessions/ folder). */
    static boolean hasSessions(Repository vault, ObjectId commit) throws IOException {
        try (RevWalk rw = new RevWalk(vault); TreeWalk tw = TreeWalk.forPath(vault, Vault.SESSIONS, rw.parseCommit(commit).getTree())) {
            return tw != null;
        }
    }

    /** Session ids in the tree of a commit (empty when the ref does not exist yet). */
    public static Set<String> sessionIds(Repository vault, String ref) throws IOException {
        ObjectId commit = vault.resolve(ref);
        Set<String> ids = new HashSet<>();
        if (commit != null) {
            layout1Entries(vault, commit).forEach(e -> ids.add(e.name()));
        }
        return ids;
    }

    /** One entry of sessions/ in a commit of layout 1: a session's folder, when folder. */
    record Layout1Entry(String name, ObjectId id, boolean folder) {
    }

    /** The entries of sessions/ in a commit of layout 1, in tree order. */
    static List<Layout1Entry> layout1Entries(Repository vault, ObjectId commit) throws IOException {
        List<Layout1Entry> out = new ArrayList<>();
        try (RevWalk rw = new RevWalk(vault); TreeWalk tw = new TreeWalk(vault)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setFilter(PathFilter.create(Vault.SESSIONS));
            while (tw.next()) {
                if (tw.getPathString().equals(Vault.SESSIONS)) {
                    tw.enterSubtree();
                    continue;
                }
                out.add(new Layout1Entry(tw.getNameString(), tw.getObjectId(0), tw.isSubtree()));
            }
        }
        return out;
    }
}
