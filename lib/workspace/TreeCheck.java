package lib.workspace;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import lib.base.UserError;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * A tree from a vault is checked the way git checks what it fetches before a single file is
 * written: no '..', '.', '.git' in any spelling (case, NTFS and HFS+ aliases), no '/' or NUL in a
 * name, no name twice in a folder (a symlink and a folder of the same name). Anyone who can push
 * to a vault could otherwise write outside the restore target or into its .git.
 */
final class TreeCheck {
    private TreeCheck() {
    }

    /** Checks every tree under the given ones, each distinct tree once (a snapshot and its index share most). */
    static void check(ObjectReader reader, String sessionId, ObjectId... trees) throws IOException {
        ObjectChecker checker = new ObjectChecker().setSafeForMacOS(true);
        Set<ObjectId> seen = new HashSet<>();
        Deque<Map.Entry<ObjectId, String>> todo = new ArrayDeque<>();
        for (ObjectId t : trees) {
            todo.push(Map.entry(t, ""));
        }
        CanonicalTreeParser entries = new CanonicalTreeParser();
        while (!todo.isEmpty()) {
            Map.Entry<ObjectId, String> next = todo.pop();
            if (!seen.add(next.getKey())) {
                continue;
            }
            byte[] raw = reader.open(next.getKey(), Constants.OBJ_TREE).getCachedBytes();
            checkTree(checker, next.getKey(), raw, next.getValue(), sessionId);
            for (entries.reset(raw); !entries.eof(); entries.next()) {
                if (FileMode.TREE.equals(entries.getEntryRawMode())) {
                    todo.push(Map.entry(entries.getEntryObjectId(), next.getValue() + entries.getEntryPathString() + "/"));
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

    private static void checkTree(ObjectChecker checker, ObjectId id, byte[] raw, String where, String sessionId) {
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
