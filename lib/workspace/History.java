package lib.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lib.secrets.RuleSet;
import lib.secrets.SecretScan;
import lib.session.SessionMetadata.CommittedSecret;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/** The workspace's commits as a save sees them: which ones are unpushed, which ones the bundle may assume. */
final class History {
    static final int MAX_SCANNED_COMMITS = 200;

    private History() {
    }

    /**
     * The commits the restoring side is assumed to have: where HEAD meets its upstream, or the
     * origin's default branch. With neither, the bundle carries the whole history (down to the
     * shallow boundary of a shallow clone, which the bundle assumes too).
     */
    static List<RevCommit> bundleBases(Repository repo, RevWalk rw, ObjectId head, ObjectId upstream) throws IOException {
        List<RevCommit> bases = new ArrayList<>();
        for (ObjectId shallow : repo.getObjectDatabase().getShallowCommits()) {
            bases.add(rw.parseCommit(shallow));
        }
        ObjectId other = upstream;
        if (other == null) {
            for (String name : List.of("refs/remotes/origin/HEAD", "refs/remotes/origin/main", "refs/remotes/origin/master")) {
                other = repo.resolve(name);
                if (other != null) {
                    break;
                }
            }
        }
        if (other == null) {
            return bases;
        }
        rw.reset();
        rw.setRevFilter(RevFilter.MERGE_BASE);
        rw.markStart(rw.parseCommit(head));
        rw.markStart(rw.parseCommit(other));
        RevCommit base = rw.next();
        rw.reset();
        rw.setRevFilter(RevFilter.ALL);
        if (base != null) {
            bases.add(rw.parseCommit(base));
        }
        return bases;
    }

    /** Commits on HEAD that no remote-tracking branch has (capped: the number is for display). */
    static int countUnpushed(Repository repo, RevWalk rw, ObjectId head) throws IOException {
        rw.reset();
        rw.markStart(rw.parseCommit(head));
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
            ObjectId id = r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
            if (id != null) {
                try {
                    rw.markUninteresting(rw.parseCommit(id));
                } catch (IOException ignored) {
                    // a remote ref to a non-commit or a missing object says nothing about HEAD
                }
            }
        }
        int n = 0;
        while (rw.next() != null && n < 10_000) {
            n++;
        }
        rw.reset();
        return n;
    }

    /**
     * Keys and tokens in files that the unpushed commits add: they go into the bundle as
     * committed (history is not rewritten), so the user is told where they are. Each commit is
     * compared with its first parent, folder by folder, so that only the folders it changed are
     * read: a blob any of them adds is in one of those differences.
     */
    static List<CommittedSecret> secretsIn(ObjectReader reader, Collection<ObjectId> starts, List<RevCommit> bases,
                                           RuleSet rules) throws IOException {
        List<CommittedSecret> found = new ArrayList<>();
        Set<ObjectId> scanned = new HashSet<>();
        try (RevWalk rw = new RevWalk(reader)) {
            for (ObjectId s : starts) {
                rw.markStart(rw.parseCommit(s));
            }
            for (RevCommit b : bases) {
                rw.markUninteresting(rw.parseCommit(b));
            }
            for (RevCommit c; (c = rw.next()) != null && found.size() < 20; ) {
                try (TreeWalk tw = new TreeWalk(reader)) {
                    if (c.getParentCount() == 0) {
                        tw.addTree(new EmptyTreeIterator());
                    } else {
                        tw.addTree(rw.parseCommit(c.getParent(0)).getTree());
                    }
                    tw.addTree(c.getTree());
                    tw.setRecursive(true);
                    tw.setFilter(TreeFilter.ANY_DIFF);
                    while (tw.next() && found.size() < 20) {
                        ObjectId blob = tw.getObjectId(1);
                        if (!FileMode.REGULAR_FILE.equals(tw.getFileMode(1)) && !FileMode.EXECUTABLE_FILE.equals(tw.getFileMode(1))
                                || !scanned.add(blob)) {
                            continue;
                        }
                        try (InputStream in = reader.open(blob, Constants.OBJ_BLOB).openStream()) {
                            String kind = SecretScan.kindIn(in, rules);
                            if (kind != null) {
                                found.add(new CommittedSecret(tw.getPathString(), kind));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
