package lib;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.TextProgressMonitor;

/** JGit progress on stderr, only on a terminal and only for steps that take more than a second. */
public final class Progress {
    private Progress() {
    }

    public static ProgressMonitor of(Env env) {
        if (!env.interactive()) {
            return NullProgressMonitor.INSTANCE;
        }
        TextProgressMonitor m = new TextProgressMonitor(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
        m.setDelayStart(1, TimeUnit.SECONDS);
        return m;
    }
}
