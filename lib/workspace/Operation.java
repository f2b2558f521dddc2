package lib.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lib.base.UserError;
import lib.session.SessionMetadata;
import lib.term.Text;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A merge, rebase, cherry-pick, revert or bisect in progress: the files of the git folder that
 * hold its state (MERGE_HEAD, rebase-merge/, sequencer/, BISECT_LOG, ...), the index's conflict
 * stages, the refs it relies on (the branch being rebased, refs/bisect/*) and every commit they
 * name. All of it is one commit in the bundle (its parents are those commits), so a restore puts
 * the repository back in the middle of the same operation.
 */
final class Operation {
    static final String REF = "refs/continuum/operation";
    private static final List<String> FILES = List.of("MERGE_HEAD", "MERGE_MSG", "MERGE_MODE", "SQUASH_MSG",
            "CHERRY_PICK_HEAD", "REVERT_HEAD", "ORIG_HEAD", "BISECT_LOG", "BISECT_START", "BISECT_TERMS",
            "BISECT_NAMES", "BISECT_EXPECTED_REV", "BISECT_ANCESTORS_OK", "BISECT_HEAD");
    private static final List<String> DIRS = List.of("rebase-merge", "rebase-apply", "sequencer");
    private static final Pattern HEX = Pattern.compile("\\b[0-9a-f]{40}\\b");
    private static final PersonIdent NOBODY = new PersonIdent("continuum", "continuum@localhost",
            java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);

    /** The operation's metadata and the commit that carries it. */
    record Captured(SessionMetadata.Operation info, ObjectId commit) {
    }

    private Operation() {
    }

    /** Null when nothing is in progress. */
    static Captured capture(Repository repo, DirCache index, ObjectInserter ins, RevWalk rw) throws IOException {
        Path gitDir = repo.getDirectory().toPath();
        String kind = kind(repo.getRepositoryState(), gitDir);
        if (kind == null) {
            return null;
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String f : FILES) {
            if (Files.isRegularFile(gitDir.resolve(f))) {
                files.put(f, Files.readAllBytes(gitDir.resolve(f)));
            }
        }
        for (String d : DIRS) {
            Path dir = gitDir.resolve(d);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile).sorted()::iterator) {
                        files.put(gitDir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                    }
                }
            }
        }
        Set<ObjectId> commits = new LinkedHashSet<>();
        for (byte[] content : files.values()) {
            Matcher m = HEX.matcher(new String(content, StandardCharsets.ISO_8859_1));
            while (m.find()) {
                addIfCommit(rw, ObjectId.fromString(m.group()), commits);
            }
        }
        StringBuilder refs = new StringBuilder();
        String branch = rebasedBranch(files);
        List<Ref> saved = new ArrayList<>(repo.getRefDatabase().getRefsByPrefix("refs/bisect/"));
        if (branch != null && repo.exactRef(Constants.R_HEADS + branch) != null) {
            saved.add(repo.exactRef(Constants.R_HEADS + branch));
        }
        for (Ref r : saved) {
            if (r.getObjectId() != null && addIfCommit(rw, r.getObjectId(), commits)) {
                refs.append(r.getObjectId().name()).append(' ').append(r.getName()).append('\n');
            }
        }
        TreeBuilder tree = new TreeBuilder();
        files.forEach((name, content) -> tree.add("state/" + name, FileMode.REGULAR_FILE, content));
        if (refs.length() > 0) {
            tree.add("refs", FileMode.REGULAR_FILE, refs.toString().getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry e = index.getEntry(i);
            if (e.getStage() != DirCacheEntry.STAGE_0) {
                tree.add("stages/" + e.getStage() + "/" + e.getPathString(), e.getFileMode(), e.getObjectId());
            }
        }
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(tree.write(ins));
        commits.forEach(c::addParentId);
        c.setAuthor(NOBODY);
        c.setCommitter(NOBODY);
        c.setMessage("continuum: " + kind + " in progress\n");
        ObjectId commit = ins.insert(c);
        return new Captured(new SessionMetadata.Operation(kind, branch, commit.name(), List.copyOf(files.keySet())), commit);
    }

    private static String kind(RepositoryState state, Path gitDir) {
        return switch (state) {
            case MERGING, MERGING_RESOLVED -> "merge";
            case REBASING, REBASING_REBASING, REBASING_MERGE, REBASING_INTERACTIVE -> "rebase";
            case APPLY -> "am";
            case CHERRY_PICKING, CHERRY_PICKING_RESOLVED -> "cherry-pick";
            case REVERTING, REVERTING_RESOLVED -> "revert";
            case BISECTING -> "bisect";
            default -> Files.isRegularFile(gitDir.resolve("BISECT_LOG")) ? "bisect" : null;
        };
    }

    /** The branch a rebase works on, from its head-name file ("refs/heads/feature"). */
    private static String rebasedBranch(Map<String, byte[]> files) {
        for (String d : List.of("rebase-merge/head-name", "rebase-apply/head-name")) {
            byte[] b = files.get(d);
            if (b != null) {
                String ref = new String(b, StandardCharsets.UTF_8).strip();
                if (ref.startsWith(Constants.R_HEADS) && Branches.isValidName(ref.substring(Constants.R_HEADS.length()))) {
                    return ref.substring(Constants.R_HEADS.length());
                }
            }
        }
        return null;
    }

    private static boolean addIfCommit(RevWalk rw, ObjectId id, Set<ObjectId> commits) {
        try {
            commits.add(rw.parseCommit(id).getId());
            return true;
        } catch (IOException e) {
            return false; // a tree id (AUTO_MERGE), or an object this repository does not have
        }
    }

    /** Refuses an operation whose state names a file git would not keep in its folder, before anything is written. */
    static void check(ObjectReader reader, ObjectId commit, String sessionId) throws IOException {
        try (RevWalk rw = new RevWalk(reader); TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                String path = tw.getPathString();
                if (path.startsWith("state/")) {
                    String name = path.substring("state/".length());
                    boolean known = FILES.contains(name) || DIRS.stream().anyMatch(d -> name.startsWith(d + "/"));
                    if (!known || name.contains("..") || name.contains("\\")) {
                        throw new UserError("session " + sessionId + " is refused: its operation state names "
                                + "a file git does not keep there (" + Text.oneLine(name, 80) + "); nothing was restored");
                    }
                } else if (path.startsWith("stages/") && path.length() > "stages/1/".length()) {
                    TreeCheck.checkPath(path.substring("stages/1/".length()), sessionId);
                }
            }
        }
    }

    /**
     * Puts the operation back (after check): its state files into the git folder, its refs (a rebased branch
     * is created or fast-forwarded, never moved back), and the index's conflict stages.
     * Returns what could not be restored, or null.
     */
    static String restore(Repository repo, ObjectId commit) throws IOException {
        Path gitDir = repo.getDirectory().toPath();
        List<String> problems = new ArrayList<>();
        Map<String, DirCacheEntry> stages = new LinkedHashMap<>();
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setRecursive(true);
            ObjectReader reader = tw.getObjectReader();
            while (tw.next()) {
                String path = tw.getPathString();
                if (path.startsWith("state/")) {
                    Path target = gitDir.resolve(path.substring("state/".length())).normalize();
                    Files.createDirectories(target.getParent());
                    Files.write(target, reader.open(tw.getObjectId(0)).getBytes());
                } else if (path.equals("refs")) {
                    String text = new String(reader.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                    for (String line : text.split("\n")) {
                        String problem = restoreRef(repo, rw, line);
                        if (problem != null) {
                            problems.add(problem);
                        }
                    }
                } else if (path.startsWith("stages/") && path.length() > "stages/1/".length()) {
                    DirCacheEntry e = new DirCacheEntry(path.substring("stages/1/".length()), path.charAt(7) - '0');
                    e.setFileMode(tw.getFileMode(0));
                    e.setObjectId(tw.getObjectId(0));
                    stages.put(e.getPathString() + "\0" + e.getStage(), e);
                }
            }
        }
        if (!stages.isEmpty()) {
            restoreStages(repo, stages);
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static String restoreRef(Repository repo, RevWalk rw, String line) throws IOException {
        String[] parts = line.strip().split(" ", 2);
        if (parts.length != 2 || !ObjectId.isId(parts[0])) {
            return null;
        }
        String name = parts[1];
        boolean known = name.startsWith("refs/bisect/") || name.startsWith(Constants.R_HEADS)
                && Branches.isValidName(name.substring(Constants.R_HEADS.length()));
        if (!known || !Repository.isValidRefName(name)) {
            return "ref " + name + " was not restored (not a branch or bisect ref)";
        }
        ObjectId id = ObjectId.fromString(parts[0]);
        Ref existing = repo.exactRef(name);
        if (existing != null && existing.getObjectId() != null && !existing.getObjectId().equals(id)
                && !rw.isMergedInto(rw.parseCommit(existing.getObjectId()), rw.parseCommit(id))) {
            return Repository.shortenRefName(name) + " has newer commits here and was left as it is";
        }
        RefUpdate u = repo.updateRef(name);
        u.setNewObjectId(id);
        u.forceUpdate();
        return null;
    }

    /** The index with each conflicted path's stages 1-3 in place of the single entry the restore wrote. */
    private static void restoreStages(Repository repo, Map<String, DirCacheEntry> stages) throws IOException {
        Set<String> conflicted = new LinkedHashSet<>();
        stages.values().forEach(e -> conflicted.add(e.getPathString()));
        DirCache dc = repo.lockDirCache();
        try {
            List<DirCacheEntry> all = new ArrayList<>();
            for (int i = 0; i < dc.getEntryCount(); i++) {
                if (!conflicted.contains(dc.getEntry(i).getPathString())) {
                    all.add(dc.getEntry(i));
                }
            }
            all.addAll(stages.values());
            all.sort((a, b) -> {
                int c = a.getPathString().compareTo(b.getPathString());
                return c != 0 ? c : Integer.compare(a.getStage(), b.getStage());
            });
            DirCacheBuilder b = dc.builder();
            all.forEach(b::add);
            b.commit();
        } finally {
            dc.unlock();
        }
    }

    /** A tree built from paths, for the operation commit. */
    private static final class TreeBuilder {
        private final DirCache dc = DirCache.newInCore();
        private final List<Object[]> pending = new ArrayList<>();

        void add(String path, FileMode mode, byte[] content) {
            pending.add(new Object[] {path, mode, content});
        }

        void add(String path, FileMode mode, ObjectId id) {
            pending.add(new Object[] {path, mode, id});
        }

        ObjectId write(ObjectInserter ins) throws IOException {
            pending.sort((a, b) -> ((String) a[0]).compareTo((String) b[0]));
            DirCacheBuilder b = dc.builder();
            for (Object[] p : pending) {
                DirCacheEntry e = new DirCacheEntry((String) p[0]);
                e.setFileMode((FileMode) p[1]);
                e.setObjectId(p[2] instanceof ObjectId id ? id : ins.insert(Constants.OBJ_BLOB, (byte[]) p[2]));
                b.add(e);
            }
            b.finish();
            return dc.writeTree(ins);
        }
    }
}
