package lib.workspace;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/** Branch names from a vault are checked before they name a ref: no path tricks, no odd characters. */
public final class Branches {
    private Branches() {
    }

    public static boolean isValidName(String branch) {
        return branch != null && !branch.isBlank() && !branch.equals("HEAD")
                && Repository.isValidRefName(Constants.R_HEADS + branch);
    }
}
