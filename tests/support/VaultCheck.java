package support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import lib.base.Json;
import lib.vault.SessionStore;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;

/** What `git fsck` and a careful look would say about a vault. */
public final class VaultCheck {
    private VaultCheck() {
    }

    /** Every object reachable from every ref loads; every committed session is complete. Returns committed ids. */
    public static Set<String> assertSound(Path vault) throws Exception {
        try (Git git = Git.open(vault.toFile())) {
            Repository repo = git.getRepository();
            try (ObjectWalk ow = new ObjectWalk(repo)) {
                for (Ref r : repo.getRefDatabase().getRefs()) {
                    if (r.getObjectId() != null) {
                        ow.markStart(ow.parseAny(r.getObjectId()));
                    }
                }
                while (ow.next() != null) {
                    // commits parse
                }
                RevObject o;
                while ((o = ow.nextObject()) != null) {
                    repo.open(o).getSize(); // throws on a missing or corrupt object
                }
            }
            // Layout 2: the sessions its list names, each with its own ref; layout 1: those on the branch.
            Set<String> ids = repo.resolve("refs/continuum/index/sessions") != null ? listed(repo) : SessionStore.sessionIds(repo, "HEAD");
            for (String id : ids) {
                Path meta = vault.resolve("sessions").resolve(id).resolve("metadata.json");
                assertTrue(Files.isRegularFile(meta), id + " is complete");
                Json.COMPACT.readTree(meta.toFile());
            }
            return ids;
        }
    }

    private static Set<String> listed(Repository repo) throws Exception {
        Set<String> ids = new java.util.TreeSet<>();
        try (org.eclipse.jgit.revwalk.RevWalk rw = new org.eclipse.jgit.revwalk.RevWalk(repo);
             org.eclipse.jgit.treewalk.TreeWalk tw = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(repo.resolve("refs/continuum/index/sessions")).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                String name = tw.getNameString();
                if (name.endsWith(".json")) {
                    String id = name.substring(0, name.length() - 5);
                    assertTrue(repo.resolve("refs/continuum/sessions/" + id) != null, id + " has its ref");
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}
