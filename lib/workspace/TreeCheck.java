package lib.workspace;

import java.io.IOException;
import lib.base.UserError;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A tree from a vault is checked the way git checks what it fetches before a single file is
 * written: no '..', '.', '.git' in any spelling (case, NTFS and HFS+ aliases), no '/' or NUL in a
 * name, no name twice in a folder (a symlink and a folder of the same name). Anyone who can push
 * to a vault could otherwise write outside the restore target or into its .git.
 */
final class TreeCheck {
    private TreeCheck() {
    }

    static void check(ObjectReader reader, ObjectId tree, String sessionId) throws IOException {
        ObjectChecker checker = new ObjectChecker().setSafeForMacOS(true);
        checkTree(checker, reader, tree, "", sessionId);
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(tree);
            tw.setRecursive(false);
            while (tw.next()) {
                if (tw.isSubtree()) {
                    checkTree(checker, reader, tw.getObjectId(0), tw.getPathString() + "/", sessionId);
                    tw.enterSubtree();
                }
            }
        }
    }

    /** A path from a vault for one entry (a conflict stage), checked like a tree's names. */
    static void checkPath(String path, String sessionId) {
        try {
            new ObjectChecker().setSafeForMacOS(true).checkPath(path);
        } catch (CorruptObjectException e) {
            throw refused(path, e, sessionId);
        }
    }

    private static void checkTree(ObjectChecker checker, ObjectReader reader, ObjectId id, String where,
                                  String sessionId) throws IOException {
        byte[] raw = reader.open(id, Constants.OBJ_TREE).getCachedBytes();
        try {
            checker.checkTree(id, raw);
        } catch (CorruptObjectException e) {
            throw refused(where.isEmpty() ? "(top folder)" : where, e, sessionId);
        }
    }

    private static UserError refused(String where, CorruptObjectException e, String sessionId) {
        return new UserError("session " + sessionId + " is refused: its snapshot holds an entry git would never write ("
                + where + ": " + e.getMessage() + "); nothing was restored");
    }
}
