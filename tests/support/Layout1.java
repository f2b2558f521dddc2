package support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.base.FileUtil;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A vault as the release before layout 2 wrote it: every session folder under sessions/ on the
 * main branch, one commit per save, pushed to its remote — or not yet, for a save made offline.
 */
public final class Layout1 {
    private Layout1() {
    }

    public static void make(Path vault, Path remote, List<Path> pushed, List<Path> onlyLocal) throws Exception {
        try (Git git = Git.init().setDirectory(vault.toFile()).setInitialBranch("main").call()) {
            var cfg = git.getRepository().getConfig();
            cfg.setString("remote", "origin", "url", remote.toString());
            cfg.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
            cfg.save();
            for (Path folder : pushed) {
                commit(git, vault, folder);
            }
            git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
            git.fetch().setRemote("origin").call();
            for (Path folder : onlyLocal) {
                commit(git, vault, folder);
            }
        }
    }

    private static void commit(Git git, Path vault, Path folder) throws Exception {
        String id = folder.getFileName().toString();
        Path to = vault.resolve("sessions").resolve(id);
        Files.createDirectories(to);
        try (var files = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(folder.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                }
            }
        }
        git.add().addFilepattern("sessions/" + id).call();
        git.commit().setMessage("snapshot\n\nSession ID: " + id).setSign(false).setAuthor(Repos.ME).setCommitter(Repos.ME).call();
    }

    /** A session folder's files: relative path to content hash. */
    public static java.util.Map<String, String> files(Path folder) throws Exception {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (var all = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(f)) {
                    out.put(folder.relativize(f).toString(), Repos.sha256(Files.readAllBytes(f)));
                }
            }
        }
        return out;
    }

    public static void delete(Path dir) throws Exception {
        FileUtil.deleteTree(dir);
    }
}
