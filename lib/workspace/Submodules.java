package lib.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** A submodule is saved as the commit its folder has checked out; its own changes are not. */
final class Submodules {
    private Submodules() {
    }

    /** Why the submodule at dir has work a save cannot carry, or null when it has none. */
    static String unsavedWork(Path dir) {
        if (!Files.exists(dir.resolve(".git"))) {
            return null; // not checked out: nothing of its own
        }
        try (Git sub = Git.open(dir.toFile())) {
            return sub.status().call().isClean() ? null
                    : "a submodule with uncommitted changes of its own: they are not saved (commit them in the submodule)";
        } catch (IOException | GitAPIException | RuntimeException e) {
            return null;
        }
    }
}
