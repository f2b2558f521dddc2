package lib.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastStartTest {
    @TempDir
    Path dir;

    @Test
    void aSignedJarOnTheClassPathIsReplacedByACopyWithoutItsSignatureFiles() throws Exception {
        Path signed = jar("signed.jar", "META-INF/MANIFEST.MF", "a/A.class", "META-INF/SIGNER.SF", "META-INF/SIGNER.RSA");
        Path plain = jar("plain.jar", "META-INF/MANIFEST.MF", "b/B.class", "META-INF/sub/NOT.SF");
        Path launch = Files.createDirectories(dir.resolve("launch"));
        String classPath = signed + File.pathSeparator + plain + File.pathSeparator + dir.resolve("classes");

        String path = FastStart.unsignedPath(launch, classPath, true);

        Path copy = launch.resolve("jars").resolve("signed.jar");
        assertEquals(copy + File.pathSeparator + plain + File.pathSeparator + dir.resolve("classes"), path);
        assertEquals(List.of("META-INF/MANIFEST.MF", "a/A.class"), names(copy));
        // asked again without making copies: the same class path, nothing rewritten
        assertEquals(path, FastStart.unsignedPath(launch, classPath, false));
        assertTrue(names(plain).contains("META-INF/sub/NOT.SF"), "a jar is signed by META-INF's own files only");
        assertFalse(Files.exists(launch.resolve("jars").resolve("plain.jar")));
    }

    @Test
    void eachTrainedVerbsWorkClassExists() throws Exception {
        // The installed command keeps a verb's class list only when it names this class: one renamed
        // away would leave that verb out of the archive for good, silently.
        for (FastStart.Trained t : FastStart.TRAINED_VERBS) {
            Class.forName(t.workClass(), false, getClass().getClassLoader());
            assertEquals(t.workClass().replace('.', '/'), t.listed());
        }
    }

    private Path jar(String name, String... entries) throws Exception {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String e : entries) {
                zip.putNextEntry(new ZipEntry(e));
                zip.write(e.getBytes());
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static List<String> names(Path jar) throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }
}
