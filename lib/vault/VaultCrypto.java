package lib.vault;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lib.base.UserError;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * An encrypted vault's files: each file a session stores is written to its commit as an age file
 * (name + ".age") for every recipient the vault's list names, and read back with this machine's
 * identity. age picks a new file key each time, so the same bytes would encrypt differently on
 * every save and a re-save would store its transcript again: the ciphertext of bytes already
 * encrypted for the same recipients is reused (a map kept in the vault's git folder), so a
 * re-save still adds only what is new.
 */
public final class VaultCrypto {
    public static final String SUFFIX = ".age";
    private final Repository repo;
    private final Set<String> recipients;
    private final Identity identity;
    private final String recipientsKey;
    private Map<String, ObjectId> cipherOf; // plain id + recipients key -> cipher id
    private Map<ObjectId, ObjectId> plainOf; // cipher id -> plain id
    private List<RecipientStanzaReader> readers;

    VaultCrypto(Repository repo, Set<String> recipients, Identity identity) {
        this.repo = repo;
        this.recipients = new TreeSet<>(recipients);
        this.identity = identity;
        this.recipientsKey = Integer.toHexString(String.join(",", this.recipients).hashCode());
    }

    public boolean encrypted() {
        return !recipients.isEmpty();
    }

    /** Who a blob made now is sealed for: empty for a plain vault. */
    String sealedFor() {
        return encrypted() ? String.join(",", recipients) : "";
    }

    public Set<String> recipients() {
        return recipients;
    }

    /** The blob of a file's age ciphertext, made once per content and set of recipients. */
    ObjectId encryptedBlob(ObjectInserter ins, Path file) throws IOException {
        ObjectId plain;
        try (InputStream in = Files.newInputStream(file); ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
            plain = f.idFor(Constants.OBJ_BLOB, Files.size(file), in);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return encryptedBlob(ins, plain, in);
        }
    }

    ObjectId encryptedBlob(ObjectInserter ins, byte[] bytes) throws IOException {
        ObjectId plain;
        try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
            plain = f.idFor(Constants.OBJ_BLOB, bytes);
        }
        return encryptedBlob(ins, plain, new java.io.ByteArrayInputStream(bytes));
    }

    private ObjectId encryptedBlob(ObjectInserter ins, ObjectId plain, InputStream in) throws IOException {
        load();
        ObjectId known = cipherOf.get(plain.name() + " " + recipientsKey);
        if (known != null && repo.getObjectDatabase().has(known)) {
            return known;
        }
        Path tmp = Files.createTempFile(repo.getDirectory().toPath(), "continuum-age-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp); var ch = new StandardEncryptingChannelFactory()
                    .newEncryptingChannel(Channels.newChannel(out), writers())) {
                in.transferTo(Channels.newOutputStream(ch));
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encrypt for the vault's recipients: " + e.getMessage(), e);
            }
            ObjectId cipher;
            try (InputStream c = Files.newInputStream(tmp)) {
                cipher = ins.insert(Constants.OBJ_BLOB, Files.size(tmp), c);
            }
            remember(plain, cipher);
            return cipher;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Decrypts an age blob of the vault into out. */
    void decrypt(ObjectId blob, OutputStream out) throws IOException {
        try (InputStream in = repo.open(blob, Constants.OBJ_BLOB).openStream();
             var ch = new StandardDecryptingChannelFactory().newDecryptingChannel(Channels.newChannel(in), readers())) {
            Channels.newInputStream(ch).transferTo(out);
        } catch (GeneralSecurityException e) {
            throw new UserError("this machine's age identity (" + identity.file() + ") cannot open the vault's files: "
                    + "on a machine that can, run 'continuum key add-recipient " + publicKeyOrHint() + "', then "
                    + "'continuum migrate --encrypt' to encrypt the sessions already saved for it too");
        }
    }

    byte[] decrypt(ObjectId blob) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        decrypt(blob, out);
        return out.toByteArray();
    }

    /** The plain blob id a cipher blob was made from, when this machine made or opened it. */
    ObjectId plainOf(ObjectId cipher) throws IOException {
        load();
        return plainOf.get(cipher);
    }

    void remember(ObjectId plain, ObjectId cipher) throws IOException {
        load();
        if (cipher.equals(cipherOf.put(plain.name() + " " + recipientsKey, cipher))) {
            return;
        }
        plainOf.put(cipher, plain);
        Files.writeString(mapFile(), plain.name() + " " + recipientsKey + " " + cipher.name() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private String publicKeyOrHint() {
        try {
            return identity.publicKey();
        } catch (UserError e) {
            return "<this machine's key from 'continuum key show'>";
        }
    }

    private List<RecipientStanzaWriter> writers() throws GeneralSecurityException {
        List<RecipientStanzaWriter> out = new ArrayList<>();
        for (String r : recipients) {
            out.add(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(r));
        }
        return out;
    }

    private List<RecipientStanzaReader> readers() {
        if (readers == null) {
            readers = identity.readers();
        }
        return readers;
    }

    private Path mapFile() {
        return repo.getDirectory().toPath().resolve("continuum-encrypted");
    }

    private void load() throws IOException {
        if (cipherOf != null) {
            return;
        }
        cipherOf = new HashMap<>();
        plainOf = new HashMap<>();
        if (!Files.isRegularFile(mapFile())) {
            return;
        }
        for (String line : Files.readAllLines(mapFile(), StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f.length == 3 && ObjectId.isId(f[0]) && ObjectId.isId(f[2])) {
                cipherOf.put(f[0] + " " + f[1], ObjectId.fromString(f[2]));
                plainOf.put(ObjectId.fromString(f[2]), ObjectId.fromString(f[0]));
            }
        }
    }

    /** Whether a blob is an age file (its header line), whatever its name. */
    boolean isAge(ObjectId blob) throws IOException {
        try (InputStream in = repo.open(blob, Constants.OBJ_BLOB).openStream()) {
            byte[] head = in.readNBytes(HEADER.length);
            return java.util.Arrays.equals(head, HEADER);
        }
    }

    private static final byte[] HEADER = "age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII);
}
