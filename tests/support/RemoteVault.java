package support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** What a vault remote (a bare repository) holds, read the way another machine would find it. */
public final class RemoteVault implements AutoCloseable {
    public static final String INDEX = "refs/continuum/index/sessions";
    public static final String SESSIONS = "refs/continuum/sessions/";
    private final Repository repo;

    private RemoteVault(Repository repo) {
        this.repo = repo;
    }

    public static RemoteVault at(Path bare) throws IOException {
        return new RemoteVault(new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build());
    }

    /** Sessions the remote's list names (not pruned). */
    public Set<String> listed() throws IOException {
        Set<String> ids = new TreeSet<>();
        ObjectId index = repo.resolve(INDEX);
        if (index == null) {
            return ids;
        }
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(index).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                String name = tw.getNameString();
                if (name.endsWith(".json")) {
                    ids.add(name.substring(0, name.length() - 5));
                }
            }
        }
        return ids;
    }

    /** Sessions that have their own ref on the remote. */
    public Set<String> sessionRefs() throws IOException {
        Set<String> ids = new TreeSet<>();
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(SESSIONS)) {
            ids.add(r.getName().substring(SESSIONS.length()));
        }
        return ids;
    }

    /** The message of the session's commit. */
    public String message(String id) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            return rw.parseCommit(repo.resolve(SESSIONS + id)).getFullMessage();
        }
    }

    /** The session's files as they are on the remote, written into dir. */
    public Path files(String id, Path dir) throws IOException {
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(repo.resolve(SESSIONS + id)).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                Path out = dir.resolve(tw.getPathString());
                Files.createDirectories(out.getParent());
                Files.write(out, repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes());
            }
        }
        return dir;
    }

    public Repository repository() {
        return repo;
    }

    @Override
    public void close() {
        repo.close();
    }
}
