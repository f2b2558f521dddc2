package lib.term;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.TextProgressMonitor;
import lib.base.Env;

/** JGit progress on stderr, only on a terminal and only for a task that runs past a second. */
public final class Progress implements ProgressMonitor {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private final TextProgressMonitor text =
            new TextProgressMonitor(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    private String title;
    private int total;
    private int done;
    private long started;
    private boolean shown;

    private Progress() {
    }

    public static ProgressMonitor of(Env env) {
        return env.interactive() ? new Progress() : NullProgressMonitor.INSTANCE;
    }

    @Override
    public void start(int totalTasks) {
    }

    @Override
    public void beginTask(String title, int totalWork) {
        this.title = title;
        this.total = totalWork;
        this.done = 0;
        this.started = System.nanoTime();
        this.shown = false;
    }

    @Override
    public void update(int completed) {
        done += completed;
        if (!shown && System.nanoTime() - started > QUIET_NANOS) {
            shown = true;
            text.beginTask(title, total);
            text.update(done);
        } else if (shown) {
            text.update(completed);
        }
    }

    @Override
    public void endTask() {
        if (shown) {
            text.endTask();
        }
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void showDuration(boolean enabled) {
    }
}
