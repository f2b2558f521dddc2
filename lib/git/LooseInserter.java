package lib.git;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * An inserter that writes loose objects at a zlib level of its own. JGit takes the level from the
 * repository's settings when an inserter is made: this one is made from a second repository object
 * on the same store whose settings change in memory only, so the repository's own stay as they
 * are (and are never saved with the level).
 */
public final class LooseInserter extends ObjectInserter.Filter {
    private final Repository own;
    private final ObjectInserter inserter;

    private LooseInserter(Repository own, ObjectInserter inserter) {
        this.own = own;
        this.inserter = inserter;
    }

    /** An inserter into repo's store at this level (java.util.zip.Deflater's 0-9). */
    public static ObjectInserter at(Repository repo, int level) throws IOException {
        Repository own = new FileRepositoryBuilder().setGitDir(repo.getDirectory()).setMustExist(true).build();
        own.getConfig().setInt("core", null, "compression", level);
        return new LooseInserter(own, own.newObjectInserter());
    }

    @Override
    protected ObjectInserter delegate() {
        return inserter;
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            own.close();
        }
    }
}
