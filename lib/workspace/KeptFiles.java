package lib.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.eclipse.jgit.lib.Repository;

/**
 * Files a restore would overwrite or delete without the session owning them are first kept here:
 * .git/continuum-kept/&lt;time&gt;/&lt;path&gt;, inside the repository (never pushed anywhere, never
 * cleaned by git).
 */
public final class KeptFiles {
    private final Path root;
    private final Path dir;
    private int count;

    public KeptFiles(Repository repo) {
        this.root = repo.getWorkTree().toPath();
        this.dir = repo.getDirectory().toPath().resolve("continuum-kept")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
    }

    /** Copies (or moves) the work-tree file at path into the kept folder. */
    public void keep(String path, boolean move) throws IOException {
        Path from = root.resolve(path);
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path to = dir.resolve(path);
        Files.createDirectories(to.getParent());
        if (move) {
            Files.move(from, to);
        } else {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
        count++;
    }

    public int count() {
        return count;
    }

    public Path dir() {
        return dir;
    }
}
