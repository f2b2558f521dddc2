package lib.workspace;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.diff.DiffFormatter;
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
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.BundleWriter;
import org.eclipse.jgit.treewalk.TreeWalk;
import lib.base.FileUtil;
import lib.git.GitUrls;
import lib.secrets.Redactor;
import lib.secrets.SecretScan;
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
        Repository repo = ws.repo();
        Path scratch = Files.createTempDirectory(out.dir().getParent(), ".scratch-");
        try (Repository tmp = scratchRepository(repo, scratch)) {
            return capture(repo, tmp, out, opts, redactor, progress);
        } finally {
            FileUtil.deleteTree(scratch);
        }
    }

    private static GitInfo capture(Repository repo, Repository tmp, SessionFolder out, CaptureOptions opts,
                                   Redactor redactor, ProgressMonitor progress) throws IOException {
        String fullBranch = repo.getFullBranch();
        boolean detached = fullBranch != null && !fullBranch.startsWith(Constants.R_HEADS);
        String branch = detached ? "HEAD" : Repository.shortenRefName(fullBranch);
        ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
        List<LeftOut> skipped = new ArrayList<>();
        try (ObjectInserter ins = tmp.newObjectInserter(); ObjectReader reader = tmp.newObjectReader();
             RevWalk rw = new RevWalk(reader)) {
            DirCache index = repo.readDirCache();
            ObjectId indexTree = WorkTree.indexTree(index, ins);
            progress.beginTask("Scanning files", ProgressMonitor.UNKNOWN);
            java.util.Set<ObjectId> large = new java.util.TreeSet<>();
            ObjectId worktreeTree = WorkTree.worktreeTree(repo, index, ins, opts, skipped, large, progress);
            progress.endTask();
            ObjectId headTree = head == null ? null : rw.parseCommit(head).getTree().getId();
            ObjectId indexCommit = commit(ins, indexTree, "index on " + branch, head);
            // Large files hang off the snapshot as a third parent (as `git stash -u` hangs untracked
            // files), so the bundle can assume them and leave them out.
            ObjectId largeCommit = large.isEmpty() ? null : LargeFiles.commitFor(ins, large);
            ObjectId snapshotCommit = commit(ins, worktreeTree, "continuum snapshot on " + branch,
                    head, indexCommit, largeCommit);
            ins.flush();
            boolean uncommitted = !worktreeTree.equals(headTree) || !indexTree.equals(headTree);
            int[] counts = countChanges(reader, headTree, indexTree, worktreeTree);

            String upstreamRef = detached ? null : new BranchConfig(repo.getConfig(), branch).getTrackingBranch();
            ObjectId upstream = upstreamRef == null ? null : repo.resolve(upstreamRef);
            List<RevCommit> bases = new ArrayList<>(head == null ? List.of() : bundleBases(repo, rw, head, upstream));
            if (largeCommit != null) {
                LargeFiles.write(tmp, large, out);
                bases.add(rw.parseCommit(largeCommit));
            }
            int unpushed = head == null ? 0 : countUnpushed(repo, rw, head);
            List<CommittedSecret> committedSecrets = head == null || unpushed > MAX_SCANNED_COMMITS ? List.of()
                    : secretsInCommits(reader, head, bases);

            writeBundle(tmp, rw, out.bundle(), detached ? null : fullBranch, head,
                    indexCommit, snapshotCommit, bases, progress);
            writePatch(tmp, out.patch(), headTree, worktreeTree, redactor);

            RepositoryState rs = repo.getRepositoryState();
            return new GitInfo(true, head == null && detached ? null : branch, uncommitted, unpushed > 0,
                    head == null ? null : head.name(), detached, upstreamRef, originUrl(repo), snapshotCommit.name(),
                    indexCommit.name(), worktreeTree.name(), indexTree.name(), null, unpushed, counts[0], counts[1],
                    skipped, bases.stream().map(RevCommit::name).toList(),
                    rs == RepositoryState.SAFE ? null : rs.name(), committedSecrets, null);
        }
    }

    private static Repository scratchRepository(Repository repo, Path dir) throws IOException {
        Repository tmp = FileRepositoryBuilder.create(dir.toFile());
        tmp.create(true);
        tmp.close();
        File objects = ((FileRepository) repo).getObjectDatabase().getDirectory();
        Files.writeString(dir.resolve("objects/info/alternates"), objects.getAbsolutePath() + "\n");
        // Scratch objects are written once and read once into the bundle: favour speed over size.
        Files.writeString(dir.resolve("config"), Files.readString(dir.resolve("config")) + "[core]\n\tcompression = 1\n");
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
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

    /**
     * The commits the restoring side is assumed to have: where HEAD meets its upstream, or the
     * origin's default branch. With neither, the bundle carries the whole history.
     */
    private static List<RevCommit> bundleBases(Repository repo, RevWalk rw, ObjectId head, ObjectId upstream)
            throws IOException {
        ObjectId other = upstream;
        if (other == null) {
            for (String name : List.of("refs/remotes/origin/HEAD", "refs/remotes/origin/main",
                    "refs/remotes/origin/master")) {
                other = repo.resolve(name);
                if (other != null) {
                    break;
                }
            }
        }
        if (other == null) {
            return List.of();
        }
        rw.reset();
        rw.setRevFilter(RevFilter.MERGE_BASE);
        rw.markStart(rw.parseCommit(head));
        rw.markStart(rw.parseCommit(other));
        RevCommit base = rw.next();
        rw.reset();
        rw.setRevFilter(RevFilter.ALL);
        return base == null ? List.of() : List.of(rw.parseCommit(base));
    }

    private static final int MAX_SCANNED_COMMITS = 200;

    /**
     * Keys and tokens in files that the unpushed commits add: they go into the bundle as
     * committed (history is not rewritten), so the user is told where they are.
     */
    private static List<CommittedSecret> secretsInCommits(ObjectReader reader, ObjectId head, List<RevCommit> bases)
            throws IOException {
        List<CommittedSecret> found = new ArrayList<>();
        try (org.eclipse.jgit.revwalk.ObjectWalk ow = new org.eclipse.jgit.revwalk.ObjectWalk(reader)) {
            ow.markStart(ow.parseCommit(head));
            for (RevCommit b : bases) {
                ow.markUninteresting(ow.parseCommit(b));
            }
            while (ow.next() != null) {
                // commits first; their new objects follow
            }
            org.eclipse.jgit.revwalk.RevObject o;
            while ((o = ow.nextObject()) != null && found.size() < 20) {
                if (o.getType() != Constants.OBJ_BLOB) {
                    continue;
                }
                try (InputStream in = reader.open(o, Constants.OBJ_BLOB).openStream()) {
                    String kind = SecretScan.kindIn(in);
                    if (kind != null) {
                        found.add(new CommittedSecret(ow.getPathString(), kind));
                    }
                }
            }
        }
        return found;
    }

    /** Commits on HEAD that no remote-tracking branch has (capped: the number is for display). */
    private static int countUnpushed(Repository repo, RevWalk rw, ObjectId head) throws IOException {
        rw.reset();
        rw.markStart(rw.parseCommit(head));
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
            ObjectId id = r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
            if (id != null) {
                try {
                    rw.markUninteresting(rw.parseCommit(id));
                } catch (IOException ignored) {
                    // a remote ref to a non-commit or a missing object says nothing about HEAD
                }
            }
        }
        int n = 0;
        while (rw.next() != null && n < 10_000) {
            n++;
        }
        rw.reset();
        return n;
    }

    private static void writeBundle(Repository tmp, RevWalk rw, Path file, String fullBranch, ObjectId head,
                                    ObjectId indexCommit, ObjectId snapshotCommit, List<RevCommit> bases,
                                    ProgressMonitor progress) throws IOException {
        BundleWriter bw = new BundleWriter(tmp);
        PackConfig pack = new PackConfig(tmp);
        // Delta search over large (often binary) files costs seconds and rarely pays off in a bundle.
        pack.setBigFileThreshold(512 * 1024);
        bw.setPackConfig(pack);
        bw.include(SNAPSHOT_REF, snapshotCommit);
        bw.include(INDEX_REF, indexCommit);
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

    private static void writePatch(Repository tmp, Path file, ObjectId from, ObjectId to, Redactor redactor)
            throws IOException {
        try (OutputStream out = new RedactingOutputStream(Files.newOutputStream(file), redactor);
             DiffFormatter df = new DiffFormatter(out)) {
            df.setRepository(tmp);
            // The patch is for reading; a file over 1 MB is named, not loaded into memory and printed.
            df.setBinaryFileThreshold((int) LargeFiles.MIN_BYTES);
            df.format(from, to);
            df.flush();
        }
    }

    /** The workspace's origin URL with any password or token taken out. */
    static String originUrl(Repository repo) {
        return GitUrls.withoutCredentials(repo.getConfig().getString("remote", "origin", "url"));
    }

    /** Line-buffered filter so the patch is redacted as it streams; bytes pass through as Latin-1. */
    private static final class RedactingOutputStream extends OutputStream {
        private final OutputStream out;
        private final Redactor redactor;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        RedactingOutputStream(OutputStream out, Redactor redactor) {
            this.out = new BufferedOutputStream(out);
            this.redactor = redactor;
        }

        @Override
        public void write(int b) throws IOException {
            line.write(b);
            if (b == '\n') {
                flushLine();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i + 1 - start);
                    flushLine();
                    start = i + 1;
                }
            }
            line.write(b, start, off + len - start);
        }

        private void flushLine() throws IOException {
            String text = line.toString(StandardCharsets.ISO_8859_1);
            out.write(redactor.redact(text).getBytes(StandardCharsets.ISO_8859_1));
            line.reset();
        }

        @Override
        public void close() throws IOException {
            flushLine();
            out.close();
        }
    }
}
