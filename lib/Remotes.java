package lib;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
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
    public static final int TIMEOUT_SECONDS = 30;
    private final SshdSessionFactory ssh;

    public Remotes(Env env) {
        Path home = env.home();
        Path sshDir = home.resolve(".ssh");
        Path key = keyPath(env);
        this.ssh = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(sshDir.toFile())
                .setDefaultIdentities(dir -> defaultIdentities(dir.toPath(), key))
                .build(new JGitKeyCache());
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
            return keys;
        }
        for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
            Path p = sshDir.resolve(name);
            if (Files.isRegularFile(p)) {
                keys.add(p);
            }
        }
        return keys;
    }

    public <C extends TransportCommand<C, ?>> C apply(C command) {
        return command.setTransportConfigCallback(this).setTimeout(TIMEOUT_SECONDS);
    }

    @Override
    public void configure(Transport transport) {
        transport.setTimeout(TIMEOUT_SECONDS);
        if (transport instanceof SshTransport sshTransport) {
            sshTransport.setSshSessionFactory(ssh);
        }
    }
}
