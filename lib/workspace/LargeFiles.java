package lib.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import lib.base.Background;
import lib.base.UserError;
import lib.git.LooseInserter;
import lib.session.SessionFolder;

/**
 * Large changed files travel beside the bundle, as sessions/<id>/files/<blob id>, instead of
 * inside it. The vault is a git repository, so the same file saved night after night is stored
 * and pushed once. The bundle names a commit made only of those blobs as a prerequisite; restore
 * rebuilds that commit from the files (it is deterministic) before it reads the bundle.
 */
public final class LargeFiles {
    public static final long MIN_BYTES = 1L << 20;
    private static final PersonIdent NOBODY = new PersonIdent("continuum", "continuum@localhost",
            java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);

    private LargeFiles() {
    }

    /** The commit whose tree holds exactly these blobs, each named by its id. */
    static ObjectId commitFor(ObjectInserter ins, Collection<ObjectId> blobs) throws IOException {
        TreeFormatter tree = new TreeFormatter();
        for (ObjectId id : new java.util.TreeSet<>(blobs)) { // tree entries must be sorted
            tree.append(id.name(), FileMode.REGULAR_FILE, id);
        }
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(ins.insert(tree));
        c.setAuthor(NOBODY);
        c.setCommitter(NOBODY);
        c.setMessage("continuum large files\n");
        return ins.insert(c);
    }

    /** Copies each blob out of repo into dir/files/<id>. */
    static void write(Repository repo, Collection<ObjectId> blobs, SessionFolder folder) throws IOException {
        Path dir = Files.createDirectories(folder.largeFilesDir());
        for (ObjectId id : blobs) {
            try (OutputStream out = Files.newOutputStream(dir.resolve(id.name()))) {
                repo.open(id, Constants.OBJ_BLOB).copyTo(out);
            }
        }
    }

    /**
     * Puts the saved large files into repo as blobs and rebuilds their commit, so the bundle's
     * prerequisite is there. The commit is made at once from the files' names (each is its blob's
     * id); the blobs go in on another thread while the caller reads the bundle, each checked
     * against its name (Restoring.await). Returns null when the session has none.
     */
    static Restoring restore(Repository repo, SessionFolder folder) throws IOException {
        Path dir = folder.largeFilesDir();
        if (!Files.isDirectory(dir)) {
            return null;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        List<ObjectId> named = new java.util.ArrayList<>();
        for (Path f : files) {
            if (!ObjectId.isId(f.getFileName().toString())) {
                throw damaged(f);
            }
            named.add(ObjectId.fromString(f.getFileName().toString()));
        }
        ObjectId commit;
        try (ObjectInserter ins = repo.newObjectInserter()) {
            commit = commitFor(ins, named);
            ins.flush();
        }
        return new Restoring(commit, Background.start(() -> {
            insertBlobs(repo, files);
            return null;
        }));
    }

    /** The large files' commit, and their blobs still going in. */
    record Restoring(ObjectId commit, CompletableFuture<Void> blobs) {
        /** Waits for the blobs; a file whose content is not its name is the session's problem. */
        void await() throws IOException {
            Background.join(blobs);
        }

        /** Waits for the blobs to stop going in, whatever became of them: the restore failed already. */
        void settle() {
            Background.settle(blobs);
        }
    }

    private static void insertBlobs(Repository repo, List<Path> files) throws IOException {
        // Text goes in at git's own speed for loose objects (zlib level 1, not JGit's 6); binary
        // files (a NUL byte near the start, git's own test) barely compress: stored as they are,
        // which made restoring them three times faster.
        try (ObjectInserter stored = LooseInserter.at(repo, Deflater.NO_COMPRESSION);
             ObjectInserter deflated = LooseInserter.at(repo, Deflater.BEST_SPEED)) {
            for (Path f : files) {
                boolean binary;
                try (InputStream in = Files.newInputStream(f)) {
                    binary = RawText.isBinary(in);
                }
                ObjectId id;
                try (InputStream in = Files.newInputStream(f)) {
                    id = (binary ? stored : deflated).insert(Constants.OBJ_BLOB, Files.size(f), in);
                }
                if (!id.name().equals(f.getFileName().toString())) {
                    throw damaged(f);
                }
            }
            stored.flush();
            deflated.flush();
        }
    }

    private static UserError damaged(Path f) {
        return new UserError("the saved file " + f + " is damaged (its content does not match its name)");
    }
}
