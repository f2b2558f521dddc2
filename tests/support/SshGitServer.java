package support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH server on 127.0.0.1 serving git repositories below a folder, with JGit's own
 * upload-pack and receive-pack: what GitHub does for `git@host:owner/repo.git`, minus GitHub.
 */
public final class SshGitServer implements AutoCloseable {
    private final SshServer server;
    private final Path root;
    private final AtomicLong received = new AtomicLong();
    public final KeyPair hostKey;

    public SshGitServer(Path root, PublicKey allowedClientKey) throws Exception {
        this.root = root;
        this.hostKey = newKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, allowedClientKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new GitCommand(command));
        server.start();
    }

    /** What pushes have sent this server so far, in bytes: commands and packs, as they travelled. */
    public long bytesReceived() {
        return received.get();
    }

    public int port() {
        return server.getPort();
    }

    public String url(String repo) {
        return "ssh://git@127.0.0.1:" + port() + "/" + repo;
    }

    /** The known_hosts line a careful user adds after checking the fingerprint. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    public static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** Writes an OpenSSH private key file (0600), optionally passphrase-protected. */
    public static Path writeKey(KeyPair kp, Path file, String passphrase) throws Exception {
        Files.createDirectories(file.getParent());
        OpenSSHKeyEncryptionContext enc = null;
        if (passphrase != null) {
            enc = new OpenSSHKeyEncryptionContext();
            enc.setPassword(passphrase);
            enc.setCipherName("AES");
            enc.setCipherMode("CTR");
            enc.setCipherType("256");
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "test", enc, out);
        }
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private final class GitCommand implements Command {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        GitCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            new Thread(this::serve, "ssh-git").start();
        }

        private void serve() {
            List<String> parts = List.of(command.split(" ", 2));
            String path = parts.size() < 2 ? "" : parts.get(1).replace("'", "").replaceAll("^/+", "");
            try (Repository repo = new FileRepositoryBuilder().setGitDir(root.resolve(path).toFile())
                    .setMustExist(true).build()) {
                if (parts.get(0).equals("git-upload-pack")) {
                    new UploadPack(repo).upload(in, out, err);
                } else if (parts.get(0).equals("git-receive-pack")) {
                    new ReceivePack(repo).receive(new Counted(in), out, err);
                } else {
                    throw new IOException("unsupported command " + command);
                }
                out.flush();
                exit.onExit(0);
            } catch (Exception e) {
                try {
                    err.write((e.getMessage() + "\n").getBytes());
                    err.flush();
                } catch (IOException ignored) {
                    // the client is gone
                }
                exit.onExit(1, String.valueOf(e.getMessage()));
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }

    /** A push's input, counted into received as receive-pack reads it. */
    private final class Counted extends FilterInputStream {
        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                received.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                received.addAndGet(n);
            }
            return n;
        }
    }
}
