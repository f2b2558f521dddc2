package lib.workspace;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.BundleWriter;
import org.eclipse.jgit.treewalk.TreeWalk;
import lib.base.Background;
import lib.base.FileUtil;
import lib.base.Profile;
import lib.git.GitUrls;
import lib.secrets.Redactor;
import lib.session.SessionFolder;
import lib.session.SessionMetadata.CommittedSecret;
import lib.session.SessionMetadata.GitInfo;
import lib.session.SessionMetadata.LeftOut;

/**
 * Captures a workspace's git state without touching it: not the working tree, the index file,
 * the refs, the stash or file times. New objects go into a scratch repository that borrows the
 * workspace's objects through alternates, and leave only inside workspace.bundle.
 */
public final class Capture {
    public static final String SNAPSHOT_REF = "refs/continuum/snapshot";
    public static final String INDEX_REF = "refs/continuum/index";
    public static final String HEAD_REF = "refs/continuum/head";
    private static final PersonIdent IDENT = new PersonIdent("continuum", "continuum@localhost");

    private Capture() {
    }

    /**
     * Writes workspace.bundle and snapshot.patch into outDir and describes the state. The patch
     * passes through the redactor; the bundle carries the files byte for byte.
     */
    public static GitInfo capture(Workspace ws, SessionFolder out, CaptureOptions opts, Redactor redactor)
            throws IOException {
        return capture(ws, out, opts, redactor, NullProgressMonitor.INSTANCE);
    }

    public static GitInfo capture(Workspace ws, SessionFolder out, CaptureOptions opts, Redactor redactor,
                                  ProgressMonitor progress) throws IOException {
        return capture(ws, out, opts, redactor, progress, LargeFileStamps.NONE);
    }

    /** As capture, with the stamps of the workspace's large files: those unchanged since are not read. */
    public static GitInfo capture(Workspace ws, SessionFolder out, CaptureOptions opts, Redactor redactor,
                                  ProgressMonitor progress, LargeFileStamps stamps) throws IOException {
        Repository repo = ws.repo();
        Path scratch = Files.createTempDirectory(out.dir().getParent(), ".scratch-");
        try (Repository tmp = scratchRepository(repo, scratch, stamps.objects());
             Repository objects = readingRepository(repo, scratch, stamps.objects())) {
            return capture(repo, tmp, objects, out, opts, redactor, progress, stamps);
        } finally {
            try {
                FileUtil.deleteTree(scratch);
            } catch (IOException e) {
                // Still being written to: on its first use of a file system JGit measures its
                // timestamps in the background, with probe files in the first folder it reads.
                // The folder is this process's own; the next save's recovery removes it.
            }
        }
    }

    private static GitInfo capture(Repository repo, Repository tmp, Repository objects, SessionFolder out, CaptureOptions opts,
                                   Redactor redactor, ProgressMonitor progress, LargeFileStamps stamps) throws IOException {
        String fullBranch = repo.getFullBranch();
        boolean detached = fullBranch != null && !fullBranch.startsWith(Constants.R_HEADS);
        String branch = detached ? "HEAD" : Repository.shortenRefName(fullBranch);
        ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
        List<LeftOut> skipped = new ArrayList<>();
        try (ObjectInserter ins = tmp.newObjectInserter(); ObjectReader reader = objects.newObjectReader();
             RevWalk rw = new RevWalk(reader)) {
            DirCache index = repo.readDirCache();
            Map<String, DirCacheEntry> staged = WorkTree.stagedToLeaveOut(reader, head, index, opts, skipped);
            ObjectId indexTree = WorkTree.indexTree(index, staged, ins);
            Profile.mark("index tree");
            progress.beginTask("Scanning files", ProgressMonitor.UNKNOWN);
            Set<ObjectId> large = new TreeSet<>();
            ObjectId worktreeTree = WorkTreeWalk.tree(repo, index, staged, ins, opts, skipped, large, stamps, progress);
            progress.endTask();
            stamps.store();
            Profile.mark("work-tree tree");
            ObjectId headTree = head == null ? null : rw.parseCommit(head).getTree().getId();
            ObjectId indexCommit = commit(ins, indexTree, "index on " + branch, head);
            // Large files hang off the snapshot as a third parent (as `git stash -u` hangs untracked
            // files), so the bundle can assume them and leave them out.
            ObjectId largeCommit = large.isEmpty() ? null : LargeFiles.commitFor(ins, large);
            ObjectId snapshotCommit = commit(ins, worktreeTree, "continuum snapshot on " + branch,
                    head, indexCommit, largeCommit);
            Operation.Captured operation = Operation.capture(repo, index, ins, rw);
            ins.flush();
            // The patch (for people) and the large files beside the bundle need only what is
            // captured: written on the other core while this one scans the unpushed commits and
            // writes the bundle.
            CompletableFuture<Void> patch = Background.start(() -> {
                if (largeCommit != null) {
                    LargeFiles.write(objects, large, out);
                }
                SnapshotPatch.write(objects, out.patch(), headTree, worktreeTree, redactor);
                Profile.mark("patch written");
                return null;
            });
            try {
                boolean uncommitted = !worktreeTree.equals(headTree) || !indexTree.equals(headTree);
                int[] counts = countChanges(reader, headTree, indexTree, worktreeTree);

                String upstreamRef = detached ? null : new BranchConfig(repo.getConfig(), branch).getTrackingBranch();
                ObjectId upstream = upstreamRef == null ? null : repo.resolve(upstreamRef);
                List<RevCommit> bases = new ArrayList<>(head == null ? List.of() : History.bundleBases(repo, rw, head, upstream));
                if (largeCommit != null) {
                    bases.add(rw.parseCommit(largeCommit));
                }
                int unpushed = head == null ? 0 : History.countUnpushed(repo, rw, head);
                List<ObjectId> carried = new ArrayList<>();
                if (head != null) {
                    carried.add(head);
                }
                if (operation != null) {
                    carried.add(operation.commit());
                }
                List<CommittedSecret> committedSecrets = carried.isEmpty() || unpushed > History.MAX_SCANNED_COMMITS
                        ? List.of() : History.secretsIn(reader, carried, bases, opts.rules());
                Profile.mark("unpushed commits scanned");

                writeBundle(objects, rw, out.bundle(), detached ? null : fullBranch, head, indexCommit, snapshotCommit,
                        operation == null ? null : operation.commit(), bases, progress);
                Profile.mark("bundle written");
                join(patch);

                RepositoryState rs = repo.getRepositoryState();
                return new GitInfo(true, head == null && detached ? null : branch, uncommitted, unpushed > 0,
                        head == null ? null : head.name(), detached, upstreamRef, originUrl(repo), snapshotCommit.name(),
                        indexCommit.name(), worktreeTree.name(), indexTree.name(), null, unpushed, counts[0], counts[1],
                        named(skipped, redactor), bases.stream().map(RevCommit::name).toList(),
                        rs == RepositoryState.SAFE ? null : rs.name(),
                        committedSecrets.stream().map(c -> new CommittedSecret(redactor.redact(c.path()), c.kind())).toList(),
                        operation == null ? null : operation.info());
            } finally {
                Background.settle(patch); // never left running over a scratch repository about to be deleted
            }
        }
    }

    /**
     * Each left-out path once (a staged secret is usually in the work tree too), its name
     * redacted: a file called .env.&lt;token&gt; must not carry the token into the vault by its name.
     */
    private static List<LeftOut> named(List<LeftOut> skipped, Redactor redactor) {
        Map<String, LeftOut> byPath = new LinkedHashMap<>();
        for (LeftOut l : skipped) {
            byPath.putIfAbsent(l.path(), new LeftOut(redactor.redact(l.path()), l.reason()));
        }
        return List.copyOf(byPath.values());
    }

    /**
     * A repository for the capture's new objects, reading the workspace's through alternates, and
     * those in stored (the vault's: the blobs of large files the stamps name) when not null. It is
     * a store of objects and nothing else (no HEAD, no refs: nothing ever asks it for one), made as
     * git lays one out rather than by JGit's init, which also tests how this disk keeps executable
     * bits and asks a shell for the umask to do so.
     */
    private static Repository scratchRepository(Repository repo, Path dir, Path stored) throws IOException {
        Files.createDirectories(dir.resolve("objects/pack"));
        Files.createDirectories(dir.resolve("objects/info"));
        File objects = ((FileRepository) repo).getObjectDatabase().getDirectory();
        Files.writeString(dir.resolve("objects/info/alternates"), objects.getAbsolutePath() + "\n"
                + (stored == null ? "" : stored.toAbsolutePath() + "\n"));
        // A shallow clone's boundary: walks stop there instead of looking for parents it never had.
        Path shallow = repo.getDirectory().toPath().resolve("shallow");
        if (Files.isRegularFile(shallow)) {
            Files.copy(shallow, dir.resolve("shallow"));
        }
        // Scratch objects are written once and read once (into the bundle, which compresses them
        // itself, or into files/ beside it): stored, not compressed.
        Files.writeString(dir.resolve("config"), "[core]\n\trepositoryformatversion = 0\n\tbare = true\n\tcompression = 0\n");
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    }

    /**
     * The scratch repository's objects for reading, the workspace's first: JGit looks for an
     * object in the packs of each store in turn, checking the pack folder of each that lacks it
     * for new packs (a `stat`), then in their loose objects; read through the scratch repository,
     * whose pack folder stays empty, each object of the workspace cost that check first (~12,000
     * for a save of the benchmark's 20,000 files). Nothing is ever written through this one.
     */
    private static Repository readingRepository(Repository repo, Path scratch, Path stored) throws IOException {
        FileRepositoryBuilder b = new FileRepositoryBuilder().setGitDir(scratch.toFile())
                .setObjectDirectory(((FileRepository) repo).getObjectDatabase().getDirectory())
                .addAlternateObjectDirectory(scratch.resolve("objects").toFile());
        if (stored != null) {
            b.addAlternateObjectDirectory(stored.toFile());
        }
        return b.setMustExist(true).build();
    }

    /**
     * What `git status` would list, as saved: {untracked, changed}. Changed paths are tracked ones
     * whose staged or work-tree version differs from HEAD; untracked ones exist only in the work tree.
     */
    private static int[] countChanges(ObjectReader reader, ObjectId head, ObjectId index, ObjectId worktree)
            throws IOException {
        int[] counts = new int[2];
        try (TreeWalk tw = new TreeWalk(reader)) {
            if (head == null) {
                tw.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
            } else {
                tw.addTree(head);
            }
            tw.addTree(index);
            tw.addTree(worktree);
            tw.setRecursive(true);
            tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            while (tw.next()) {
                boolean tracked = tw.getRawMode(0) != 0 || tw.getRawMode(1) != 0;
                counts[tracked ? 1 : 0]++;
            }
        }
        return counts;
    }

    private static ObjectId commit(ObjectInserter ins, ObjectId tree, String message, ObjectId... parents)
            throws IOException {
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(tree);
        for (ObjectId p : parents) {
            if (p != null) {
                c.addParentId(p);
            }
        }
        PersonIdent now = new PersonIdent(IDENT, java.time.Instant.now());
        c.setAuthor(now);
        c.setCommitter(now);
        c.setMessage(message + "\n");
        return ins.insert(c);
    }

    private static void writeBundle(Repository objects, RevWalk rw, Path file, String fullBranch, ObjectId head,
                                    ObjectId indexCommit, ObjectId snapshotCommit, ObjectId operation,
                                    List<RevCommit> bases, ProgressMonitor progress) throws IOException {
        BundleWriter bw = new BundleWriter(objects);
        PackConfig pack = new PackConfig(objects);
        // Delta search over large (often binary) files costs seconds and rarely pays off in a bundle.
        pack.setBigFileThreshold(512 * 1024);
        pack.setCompressionLevel(java.util.zip.Deflater.DEFAULT_COMPRESSION); // not the scratch objects' 0
        bw.setPackConfig(pack);
        bw.include(SNAPSHOT_REF, snapshotCommit);
        bw.include(INDEX_REF, indexCommit);
        if (operation != null) {
            bw.include(Operation.REF, operation);
        }
        if (head != null) {
            bw.include(HEAD_REF, head);
            if (fullBranch != null) {
                bw.include(fullBranch, head);
            }
        }
        for (RevCommit base : bases) {
            bw.assume(base);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            bw.writeBundle(progress, out);
        }
    }

    private static void join(CompletableFuture<Void> f) throws IOException {
        try {
            f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The workspace's origin URL with any password or token taken out. */
    static String originUrl(Repository repo) {
        return GitUrls.withoutCredentials(repo.getConfig().getString("remote", "origin", "url"));
    }
}
