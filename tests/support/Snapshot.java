package support;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Repository;

/** What a user compares after a restore: work-tree files, the staged index, branch and HEAD. */
public record Snapshot(Map<String, String> files, Map<String, String> index, String branch, String head) {
    public static Snapshot of(Path ws, Set<String> leaveOut) throws Exception {
        try (Git git = Git.open(ws.toFile())) {
            Repository repo = git.getRepository();
            DirCache dc = repo.readDirCache();
            Map<String, String> index = new TreeMap<>();
            for (int i = 0; i < dc.getEntryCount(); i++) {
                index.put(dc.getEntry(i).getPathString(), dc.getEntry(i).getFileMode() + " " + dc.getEntry(i).getObjectId().name());
            }
            var head = repo.resolve("HEAD");
            return new Snapshot(Repos.workTreeFiles(ws, leaveOut), index, repo.getBranch(), head == null ? null : head.name());
        }
    }
}
