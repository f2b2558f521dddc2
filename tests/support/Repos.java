package support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Real git repositories for tests, made with JGit. */
public final class Repos {
    public static final PersonIdent ME = new PersonIdent("Dev", "dev@example.com");

    private Repos() {
    }

    public static Path bare(Path dir) throws Exception {
        Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().close();
        return dir;
    }

    public static Git init(Path dir) throws Exception {
        return Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    public static Git cloneOf(Path bare, Path dir) throws Exception {
        return Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(dir.toFile()).call();
    }

    public static void write(Path root, String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, UTF_8);
    }

    public static ObjectId commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor(ME).setCommitter(ME).setSign(false).call().getId();
    }

    /**
     * A workspace with every kind of work a save must carry: a pushed commit, an unpushed commit,
     * staged, unstaged and staged-then-changed edits, a deletion, untracked text, a binary file, an
     * executable, a symlink, an ignored file and a secret file.
     */
    public static Git everyKindOfChange(Path origin, Path ws) throws Exception {
        bare(origin);
        Git git = init(ws);
        git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(origin.toUri().toString())).call();
        write(ws, "README.md", "# demo\n");
        write(ws, "src/app.py", "print('hello')\n");
        write(ws, "src/old.txt", "to be deleted\n");
        write(ws, "both.txt", "v1\n");
        write(ws, ".gitignore", "build/\n*.log\n");
        commit(git, "initial");
        pushTracking(git);
        write(ws, "src/feature.py", "def feature():\n    return 42\n");
        commit(git, "unpushed work");
        write(ws, "staged.txt", "staged only\n");
        git.add().addFilepattern("staged.txt").call();
        write(ws, "both.txt", "v2 staged\n");
        git.add().addFilepattern("both.txt").call();
        write(ws, "both.txt", "v3 in work tree\n");
        write(ws, "README.md", "# demo\n\nedited, not staged\n");
        Files.delete(ws.resolve("src/old.txt"));
        write(ws, "notes/todo with space é.txt", "untracked text\n");
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + 7);
        }
        Files.write(ws.resolve("image.bin"), binary);
        write(ws, "run.sh", "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(ws.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(ws.resolve("link-to-readme"), Path.of("README.md"));
        write(ws, "build/out.o", "ignored build output\n");
        write(ws, "debug.log", "ignored log\n");
        write(ws, ".env", "API_TOKEN=abc123secretvalue\n");
        return git;
    }

    /** A repository with two commits, its HEAD detached at the first; returns that commit. */
    public static ObjectId detachedAtFirstOfTwo(Path ws) throws Exception {
        try (Git git = init(ws)) {
            write(ws, "a.txt", "1\n");
            ObjectId first = commit(git, "one");
            write(ws, "a.txt", "2\n");
            commit(git, "two");
            git.checkout().setName(first.name()).call();
            return first;
        }
    }

    /** `git remote set-url origin URL`. */
    public static void setOrigin(Path ws, String url) throws Exception {
        try (Git git = Git.open(ws.toFile())) {
            var config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", url);
            config.save();
        }
    }

    /** `git push -u origin main`. */
    public static void pushTracking(Git git) throws Exception {
        git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
        var cfg = git.getRepository().getConfig();
        cfg.setString("branch", "main", "remote", "origin");
        cfg.setString("branch", "main", "merge", "refs/heads/main");
        cfg.save();
    }

    /** Every file below root: path -> sha256 of bytes, mode and mtime. Folders: mode and mtime. */
    public static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String rel = root.relativize(p).toString();
                String kind;
                if (Files.isSymbolicLink(p)) {
                    kind = "link:" + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p)) {
                    kind = "dir";
                } else {
                    kind = sha256(Files.readAllBytes(p));
                }
                out.put(rel, kind + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))
                        + " " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis());
            }
        }
        return out;
    }

    /** The files of a tree as git would check them out: path -> mode + content hash. */
    public static Map<String, String> treeFiles(Repository repo, ObjectId commit) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                try (InputStream in = repo.open(tw.getObjectId(0)).openStream()) {
                    out.put(tw.getPathString(), mode + " " + sha256(in.readAllBytes()));
                }
            }
        }
        return out;
    }

    /** The work-tree files a snapshot should hold: path -> mode + content hash, as git modes. */
    public static Map<String, String> workTreeFiles(Path ws, java.util.Set<String> leaveOut) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(ws)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String rel = ws.relativize(p).toString();
                if (rel.isEmpty() || rel.equals(".git") || rel.startsWith(".git/") || leaveOut.stream().anyMatch(rel::startsWith)) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, FileMode.SYMLINK + " " + sha256(Files.readSymbolicLink(p).toString().getBytes(UTF_8)));
                } else if (Files.isRegularFile(p)) {
                    FileMode mode = Files.isExecutable(p) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
                    out.put(rel, mode + " " + sha256(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    /** Fetches a bundle's refs into a repository (as resume will), returning the snapshot commit. */
    public static void fetchBundle(Git git, Path bundle) throws Exception {
        git.fetch().setRemote(bundle.toUri().toString())
                .setRefSpecs(new RefSpec("+refs/*:refs/bundle/*")).call();
    }

    /** What every file below dir weighs together: a repository's or a folder's size on disk. */
    public static long bytesIn(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** What bytes weigh once zlib has them, as git stores and sends a file it finds no delta for. */
    public static long deflated(byte[] bytes) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.DeflaterOutputStream(out)) {
            z.write(bytes);
        }
        return out.size();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
