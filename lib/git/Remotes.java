package lib.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lib.base.Env;
import lib.base.Errors;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How continuum talks to remotes: bounded time, no prompts, and SSH through JGit's MINA transport
 * with the user's known_hosts (an unknown host key is refused: there is nobody to ask).
 */
public final class Remotes implements TransportConfigCallback {
    static {
        JGitDefaults.apply();
    }

    /** Seconds a connection may take to open or stay silent (CONTINUUM_NET_TIMEOUT overrides). */
    static final int TIMEOUT_SECONDS = 30;
    private static final long NOTICE_NANOS = 2_000_000_000L;
    private final int timeout;
    private final Env env;
    private final Path key;
    private SshdSessionFactory ssh; // made for the first SSH remote: building it loads the SSH library
    private volatile String unanswered; // why an operation gave up on the remote: the next is not tried
    private java.util.function.Consumer<String> waitNotice = text -> { };

    /** For the vault: its deploy key (CONTINUUM_KEY_PATH or ~/.ssh/continuum_key) comes first. */
    public static Remotes forVault(Env env) {
        return new Remotes(env, keyPath(env));
    }

    /** For the workspace's own origin: the user's usual keys, never the vault's deploy key alone. */
    public static Remotes forWorkspace(Env env) {
        return new Remotes(env, null);
    }

    private Remotes(Env env, Path key) {
        String t = env.get("CONTINUUM_NET_TIMEOUT");
        this.timeout = t != null && t.matches("\\d{1,4}") && Integer.parseInt(t) > 0 ? Integer.parseInt(t) : TIMEOUT_SECONDS;
        this.env = env;
        this.key = key;
    }

    /**
     * Told once per operation, in words, when a remote has not answered for a few seconds: a wait
     * of up to the timeout then shows as one line rather than as a terminal that seems to hang.
     * A remote that answers at once says nothing. The line names the remote without credentials.
     */
    public Remotes setWaitNotice(String remoteUrl, java.util.function.Consumer<String> notice) {
        String shown = GitUrls.withoutCredentials(remoteUrl);
        this.waitNotice = what -> notice.accept("No answer yet from " + shown + " (" + what + "): waiting up to "
                + timeout + " s");
        return this;
    }

    private synchronized SshdSessionFactory ssh() {
        if (ssh == null) {
            Path home = env.home();
            ssh = new SshdSessionFactoryBuilder()
                    .setHomeDirectory(home.toFile())
                    .setSshDirectory(home.resolve(".ssh").toFile())
                    .setDefaultIdentities(dir -> defaultIdentities(dir.toPath(), key))
                    .build(new JGitKeyCache());
        }
        return ssh;
    }

    /** CONTINUUM_KEY_PATH, else ~/.ssh/continuum_key when present, else the usual keys. */
    public static Path keyPath(Env env) {
        String explicit = env.get("CONTINUUM_KEY_PATH");
        if (explicit != null) {
            return Path.of(explicit);
        }
        Path deploy = env.home().resolve(".ssh").resolve("continuum_key");
        return Files.isRegularFile(deploy) ? deploy : null;
    }

    private static List<Path> defaultIdentities(Path sshDir, Path key) {
        List<Path> keys = new ArrayList<>();
        if (key != null) {
            keys.add(key);
        }
        for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
            Path p = sshDir.resolve(name);
            if (Files.isRegularFile(p)) {
                keys.add(p);
            }
        }
        return keys;
    }

    /**
     * One line a user can act on for a failed remote operation: JGit's words for SSH trouble
     * ("Server key did not validate", "No more authentication methods") name no fix.
     */
    public static String explain(Throwable e, Env env) {
        String msg = Errors.oneLine(e);
        String lower = msg.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("server key did not validate") || lower.contains("host key")) {
            return "the server's SSH host key is not in " + env.home().resolve(".ssh/known_hosts")
                    + " or has changed; check its fingerprint, then add it (ssh-keyscan -p PORT HOST >> ~/.ssh/known_hosts)";
        }
        if (lower.contains("no more authentication methods") || lower.contains("auth fail")
                || lower.contains("authentication failed")) {
            Path key = keyPath(env);
            if (key != null && isEncrypted(key)) {
                return "the SSH key " + key + " is protected by a passphrase and there is no terminal to ask for it; "
                        + "load it into ssh-agent or use a deploy key without a passphrase (CONTINUUM_KEY_PATH)";
            }
            return "SSH authentication was refused" + (key == null ? "" : " for the key " + key)
                    + " (set CONTINUUM_KEY_PATH to a key the server accepts)";
        }
        return msg;
    }

    /** True for an OpenSSH or PEM private key that needs a passphrase. */
    public static boolean isEncrypted(Path key) {
        try {
            String text = Files.readString(key);
            if (text.contains("ENCRYPTED")) {
                return true;
            }
            int begin = text.indexOf("-----BEGIN OPENSSH PRIVATE KEY-----");
            int end = text.indexOf("-----END OPENSSH PRIVATE KEY-----");
            if (begin < 0 || end < 0) {
                return false;
            }
            String body = text.substring(begin + 35, end).replaceAll("\\s", "");
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(body));
            b.position("openssh-key-v1".length() + 1);
            byte[] cipher = new byte[b.getInt()];
            b.get(cipher);
            return !"none".equals(new String(cipher, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** A network operation; it reports its progress to the monitor it is given. */
    public interface NetworkCall<T> {
        T run(ProgressMonitor monitor) throws Exception;
    }

    /**
     * Runs a network operation on a thread of its own and gives up on it when it shows no sign of
     * life: nothing within the timeout while connecting (a server that accepts and never answers),
     * no progress within four times the timeout while transferring. JGit's own timeout cannot
     * unblock a plain socket read, so a silent git:// server would otherwise hang continuum forever.
     * Once a remote gave no answer, the operations after it through the same Remotes fail at once:
     * a save that found its vault's remote silent while opening the vault does not wait again to push.
     */
    public <T> T run(String what, ProgressMonitor shown, NetworkCall<T> call) throws Exception {
        if (unanswered != null) {
            throw new java.io.IOException(what + " not tried, since " + unanswered);
        }
        Activity activity = new Activity(shown);
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(() -> call.run(activity));
        Thread worker = new Thread(task, "continuum-network");
        worker.setDaemon(true);
        worker.start();
        boolean told = false;
        while (true) {
            try {
                return task.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // Not for a timeout barely past the notice's delay: the line would come as the wait ends.
                if (!told && !activity.started() && activity.idleNanos() > NOTICE_NANOS
                        && java.util.concurrent.TimeUnit.SECONDS.toNanos(timeout) >= 2 * NOTICE_NANOS) {
                    told = true;
                    waitNotice.accept(what);
                }
                long limit = java.util.concurrent.TimeUnit.SECONDS.toNanos(activity.started() ? 4L * timeout : timeout);
                if (activity.idleNanos() > limit) {
                    worker.interrupt(); // it is a daemon: a read that never returns dies with the process
                    unanswered = what + " got no answer for " + (limit / 1_000_000_000L)
                            + " s (CONTINUUM_NET_TIMEOUT sets the limit)";
                    throw new java.io.IOException(unanswered);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : new java.io.IOException(e.getCause());
            }
        }
    }

    /** A JGit command with continuum's transport settings, run under run()'s watchdog. */
    public <T> T call(String what, TransportCommand<?, T> command, ProgressMonitor shown) throws Exception {
        return call(what, command, shown, null);
    }

    /** As call; a push packs what it sends with these settings (null: the repository's own). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public <T> T call(String what, TransportCommand<?, T> command, ProgressMonitor shown, PackConfig pack) throws Exception {
        return run(what, shown, monitor -> {
            if (command instanceof org.eclipse.jgit.api.FetchCommand f) {
                f.setProgressMonitor(monitor);
            } else if (command instanceof org.eclipse.jgit.api.PushCommand p) {
                p.setProgressMonitor(monitor);
            } else if (command instanceof org.eclipse.jgit.api.CloneCommand c) {
                c.setProgressMonitor(monitor);
            }
            TransportCommand raw = command;
            raw.setTransportConfigCallback(pack == null ? this : transport -> {
                configure(transport);
                transport.setPackConfig(pack);
            });
            raw.setTimeout(timeout);
            return command.call();
        });
    }

    /**
     * Passes progress on to what the user sees, and remembers when the last sign of life came. A
     * push announces that it is opening its connection before the remote has said anything: that is
     * no sign of life, so a remote that never answers is given up on after the timeout, not four.
     */
    private static final class Activity implements ProgressMonitor {
        private static final String OPENING = JGitText.get().openingConnection;
        private final ProgressMonitor shown;
        private volatile long last = System.nanoTime();
        private volatile boolean started;

        Activity(ProgressMonitor shown) {
            this.shown = shown;
        }

        boolean started() {
            return started;
        }

        long idleNanos() {
            return System.nanoTime() - last;
        }

        private void alive() {
            last = System.nanoTime();
            started = true;
        }

        @Override
        public void start(int totalTasks) {
            alive();
            shown.start(totalTasks);
        }

        @Override
        public void beginTask(String title, int totalWork) {
            if (!OPENING.equals(title)) {
                alive();
            }
            shown.beginTask(title, totalWork);
        }

        @Override
        public void update(int completed) {
            alive();
            shown.update(completed);
        }

        @Override
        public void endTask() {
            alive();
            shown.endTask();
        }

        @Override
        public boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
        }

        @Override
        public void showDuration(boolean enabled) {
            shown.showDuration(enabled);
        }
    }


    @Override
    public void configure(Transport transport) {
        transport.setTimeout(timeout);
        if (transport instanceof SshTransport sshTransport) {
            sshTransport.setSshSessionFactory(ssh());
        }
    }
}
