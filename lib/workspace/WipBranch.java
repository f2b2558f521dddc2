package lib.workspace;

import java.net.URISyntaxException;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import lib.base.Env;
import lib.git.RemoteResult;
import lib.git.Remotes;

/**
 * Pushes HEAD to the workspace's origin as a wip branch, as the original tool does, so the team
 * sees unpushed work exists. One per machine and branch, claude-wip/&lt;host&gt;/&lt;branch&gt;,
 * updated in place (forced: it is continuum's own ref) instead of a new branch per save.
 */
public final class WipBranch {
    private WipBranch() {
    }

    /**
     * The transport is opened on the URL, not the remote's
     * name, so JGit does not create a remote-tracking ref: save leaves the user's refs alone.
     */
    /** The wip branch for this machine and branch, with anything a ref name may not hold replaced. */
    public static String name(String host, String branch) {
        String h = host.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[.-]+", "");
        return "claude-wip/" + (h.isEmpty() ? "host" : h) + "/" + branch;
    }

    public static RemoteResult push(Repository repo, String branchName, Remotes remotes, Env env) {
        String url = repo.getConfig().getString("remote", "origin", "url");
        if (url == null) {
            return RemoteResult.failed("the workspace has no origin remote");
        }
        try (Transport t = Transport.open(repo, new URIish(url))) {
            remotes.configure(t);
            RemoteRefUpdate update = new RemoteRefUpdate(repo, Constants.HEAD, Constants.R_HEADS + branchName,
                    true, null, null);
            PushResult r = remotes.run("pushing the wip branch", NullProgressMonitor.INSTANCE,
                    monitor -> t.push(monitor, List.of(update)));
            RemoteRefUpdate.Status st = r.getRemoteUpdate(Constants.R_HEADS + branchName).getStatus();
            if (st == RemoteRefUpdate.Status.OK || st == RemoteRefUpdate.Status.UP_TO_DATE) {
                return RemoteResult.OK;
            }
            String msg = r.getRemoteUpdate(Constants.R_HEADS + branchName).getMessage();
            return RemoteResult.failed("refused (" + st + (msg == null ? "" : ": " + msg) + ")");
        } catch (URISyntaxException e) {
            return RemoteResult.failed("origin URL is not valid");
        } catch (Exception e) {
            return RemoteResult.failed(Remotes.explain(e, env));
        }
    }
}
