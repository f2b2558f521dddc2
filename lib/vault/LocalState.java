package lib.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import lib.base.FileUtil;
import lib.base.Hashes;
import lib.base.Permissions;
import lib.session.SessionFolder;

/**
 * What the vault keeps in its .git folder for this machine alone, never committed or pushed:
 * the folders of saves being written, marks of sessions being resumed, the locks, and the logs
 * of steps that ran in the background. Folders and marks name the process that owns them,
 * so that what a killed process left is told from what a running one is using.
 */
public final class LocalState {
    private final Path gitDir;

    LocalState(Path gitDir) {
        this.gitDir = gitDir;
    }

    Path lockFile() {
        return gitDir.resolve("continuum.lock");
    }

    /** A log for continuum's background steps (the automatic save, a describe after a save). */
    public Path logFile(String name) {
        return gitDir.resolve("continuum-logs").resolve(name + ".log");
    }

    /** The lock of one workspace's automatic saves: a second one waits for the first to finish. */
    public Path autoSaveLock(Path workspace) throws IOException {
        Path dir = Files.createDirectories(gitDir.resolve("continuum-auto"));
        return dir.resolve(fileName(workspace) + ".lock");
    }

    /** Where the stamps of a workspace's large files are kept between its saves (see LargeFileStamps). */
    public Path largeFileStamps(Path workspace) {
        return gitDir.resolve("continuum-stamps").resolve(fileName(workspace) + ".json");
    }

    /** A workspace's name among the files kept for it: short, and without its path. */
    private static String fileName(Path workspace) {
        return Hashes.sha256(workspace.toString()).substring(0, 16);
    }

    /** The vault's object folder: where a save finds the blobs its stamps name. */
    public Path objects() {
        return gitDir.resolve("objects");
    }

    /**
     * A fresh folder for a session being written; moved into sessions/ in one step when it is
     * committed. Each process writes below its own pid, so a save's recovery never removes a
     * folder another running save is filling.
     */
    public SessionFolder newStagingFolder(String sessionId) throws IOException {
        Path staging = stagingDir().resolve(String.valueOf(ProcessHandle.current().pid()));
        Files.createDirectories(staging);
        Path d = staging.resolve(sessionId);
        FileUtil.deleteTree(d);
        Files.createDirectories(d);
        Permissions.privateDir(d);
        return SessionFolder.at(d);
    }

    /** Removes the staging folders of processes that have ended (a save killed half-way). */
    void removeStagingOfEndedSaves() throws IOException {
        if (!Files.isDirectory(stagingDir())) {
            return;
        }
        try (var owners = Files.list(stagingDir())) {
            for (Path owner : (Iterable<Path>) owners::iterator) {
                if (!alive(owner.getFileName().toString())) {
                    FileUtil.deleteTree(owner);
                }
            }
        }
    }

    private Path stagingDir() {
        return gitDir.resolve("continuum-staging");
    }

    /** Marks a session as being resumed by this process until closed: prune leaves it alone. */
    public AutoCloseable resuming(String id) throws IOException {
        Path mark = resumingDir().resolve(id);
        Files.createDirectories(mark.getParent());
        Files.writeString(mark, String.valueOf(ProcessHandle.current().pid()));
        return () -> Files.deleteIfExists(mark);
    }

    /** Sessions a live process on this machine is resuming. */
    public Set<String> beingResumed() throws IOException {
        Set<String> out = new HashSet<>();
        if (!Files.isDirectory(resumingDir())) {
            return out;
        }
        try (var marks = Files.list(resumingDir())) {
            for (Path m : (Iterable<Path>) marks::iterator) {
                if (alive(Files.readString(m).trim())) {
                    out.add(m.getFileName().toString());
                }
            }
        }
        return out;
    }

    private Path resumingDir() {
        return gitDir.resolve("continuum-resuming");
    }

    private static boolean alive(String pid) {
        return pid.matches("\\d{1,10}") && ProcessHandle.of(Long.parseLong(pid)).isPresent();
    }
}
