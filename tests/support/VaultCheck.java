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
            git.status().call();
            Set<String> ids = SessionStore.sessionIds(repo, "HEAD");
            for (String id : ids) {
                Path meta = vault.resolve("sessions").resolve(id).resolve("metadata.json");
                assertTrue(Files.isRegularFile(meta), id + " is complete");
                Json.COMPACT.readTree(meta.toFile());
            }
            return ids;
        }
    }
}
