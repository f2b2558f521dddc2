package lib.git;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;
import lib.base.Env;

/**
 * JGit serves a fetch or push from a path on this machine (a clone from an origin there that is not
 * cloned by linking its files, a vault whose remote is a folder) by running its server on a thread
 * of this process, and that thread prints a failure's stack trace to standard error: an origin
 * naming an object it lacks, say.
 * The client side of the same connection fails too and continuum says so in one line; the
 * server threads' output is dropped here, unless CONTINUUM_DEBUG asks for details.
 */
public final class InProcessServers {
    /** JGit's names for its in-process server threads (InternalFetchConnection, InternalPushConnection). */
    private static final Set<String> THREADS = Set.of("JGit-Upload-Pack", "JGit-Receive-Pack");

    private InProcessServers() {
    }

    /** For the process's whole life: called once, at the start of a command line's run. */
    public static void quiet(Env env) {
        if (env.get("CONTINUUM_DEBUG") != null) {
            return;
        }
        System.setErr(new PrintStream(new FilterOutputStream(System.err) {
            @Override
            public void write(int b) throws IOException {
                if (!fromServer()) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!fromServer()) {
                    out.write(b, off, len);
                }
            }
        }, true));
    }

    private static boolean fromServer() {
        return THREADS.contains(Thread.currentThread().getName());
    }
}
