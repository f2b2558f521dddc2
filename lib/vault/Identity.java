package lib.vault;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import lib.base.Env;
import lib.base.Errors;
import lib.base.Permissions;
import lib.base.UserError;
import lib.term.Text;

/**
 * This machine's age identity for an encrypted vault: a file in age-keygen's format (a
 * "# public key: age1..." comment, then the AGE-SECRET-KEY-1... line), 0600, outside the vault
 * folder — CONTINUUM_IDENTITY, else ~/.config/continuum/identity.txt — so that it never travels
 * with the vault. The plain age CLI opens the vault's files with it: age -d -i identity.txt FILE.
 */
public final class Identity {
    private static final String PUBLIC = "# public key: ";
    private final Path file;

    private Identity(Path file) {
        this.file = file;
    }

    public static Identity of(Env env) {
        return new Identity(env.dir("CONTINUUM_IDENTITY", ".config/continuum/identity.txt"));
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Makes a new key pair when there is no identity file yet; returns this machine's public key. */
    public String create() throws IOException {
        if (exists()) {
            return publicKey();
        }
        try {
            var pair = new X25519KeyPairGenerator().generateKeyPair();
            String pub = new String(pair.getPublic().getEncoded(), StandardCharsets.US_ASCII);
            String secret = new String(pair.getPrivate().getEncoded(), StandardCharsets.US_ASCII);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".new");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, "# created: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n" + PUBLIC + pub + "\n"
                    + secret + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Permissions.privateFile(file);
            return pub;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make an age key: " + e.getMessage(), e);
        }
    }

    /** This machine's public key, from the identity file's "# public key:" line (age-keygen writes it). */
    public String publicKey() {
        for (String line : lines()) {
            if (line.startsWith(PUBLIC)) {
                return checkRecipient(line.substring(PUBLIC.length()).trim());
            }
        }
        throw new UserError("the identity file " + file + " has no '# public key:' line: add the one 'age-keygen -y "
                + file + "' prints");
    }

    /** Its secret keys as age stanza readers; a missing, unreadable or damaged file is one clear error. */
    List<RecipientStanzaReader> readers() {
        List<RecipientStanzaReader> out = new ArrayList<>();
        int n = 0;
        for (String line : lines()) {
            n++;
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                out.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(t));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new UserError("the identity file " + file + " is damaged (line " + n + " is not an AGE-SECRET-KEY-1... key): "
                        + "restore it from your backup, or make a new one with 'continuum key show' after moving it away");
            }
        }
        if (out.isEmpty()) {
            throw new UserError("the identity file " + file + " holds no AGE-SECRET-KEY-1... key");
        }
        return out;
    }

    private List<String> lines() {
        if (!exists()) {
            throw new UserError("this vault is encrypted and this machine has no age identity at " + file + ": run "
                    + "'continuum key show' here, then 'continuum key add-recipient <that key>' on a machine that can read the vault "
                    + "(or set CONTINUUM_IDENTITY to your identity file)");
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot read the identity file " + file + ": " + Errors.oneLine(e));
        }
    }

    /** A recipient as typed by a user: an age1... X25519 public key, checked by decoding it. */
    public static String checkRecipient(String key) {
        String k = key == null ? "" : key.trim();
        try {
            X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(k);
            return k;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new UserError("'" + Text.oneLine(k, 80) + "' is not an age public key (age1..., as 'continuum key show' "
                    + "or age-keygen prints it)");
        }
    }
}
