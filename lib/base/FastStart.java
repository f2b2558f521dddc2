package lib.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The installed command's quick way in. Through the checkout's bootstrap, JBang's launcher costs
 * a JVM of its own before continuum starts, and JGit's signed jars cost a signature check on every
 * start. When continuum runs through JBang, it leaves what a later start needs to skip both in
 * ~/.cache/continuum/launch/&lt;checkout&gt;: the java it runs on and its class path, with copies of signed jars
 * stripped of their signature files. The installed `continuum` runs java on them directly while
 * no source file of the checkout is newer than that class path; after an edit it goes through
 * JBang again, which compiles, and the next run leaves a fresh class path.
 */
public final class FastStart {
    /** The class-data archive the first direct save and resume leave (see Launcher). */
    public static final String ARCHIVE = "app.jsa";
    /**
     * The verbs whose first direct run lists its classes for the archive, each into CLASS_LIST + verb
     * (see Launcher), and the class only a run that did the verb's work loads: a resume that showed
     * the picker and quit loaded too little to stand for one, and its list is not kept.
     */
    static final List<Trained> TRAINED_VERBS = List.of(new Trained("save", "lib.SaveCommand"),
            new Trained("resume", "lib.ResumeCommand"));
    static final String CLASS_LIST = "classes-";
    /** The system property the installed command sets when it gives the JVM the archive. */
    static final String ARCHIVE_GIVEN = "continuum.archive";

    private FastStart() {
    }

    /** A verb the archive is made for, and the class that shows one of its runs did the verb's work. */
    record Trained(String verb, String workClass) {
        /** The work class as the JVM's class list names it. */
        String listed() {
            return workClass.replace('.', '/');
        }
    }

    /** True when the installed command starts with a class-data archive. */
    public static boolean archived(Env env) {
        return Launcher.checkout(env).map(c -> Files.isRegularFile(dir(env, c).resolve(ARCHIVE))).orElse(false);
    }

    /** One folder per checkout: two checkouts on one machine never run each other's classes. */
    public static Path dir(Env env, Path checkout) {
        return env.cacheDir().resolve("launch").resolve(name(checkout));
    }

    static String name(Path checkout) {
        return Hashes.sha256(checkout.toAbsolutePath().normalize().toString()).substring(0, 12);
    }

    /**
     * Writes the launch files when this run came through the checkout's JBang and they are missing or
     * stale (classes compiled since, or another java); drops a class-data archive the JVM refused.
     */
    public static void refresh(Env env) {
        if (env.get("CONTINUUM_START") != null) {
            dropRefusedArchive(env);
            return; // started directly already
        }
        if (Launcher.checkout(env).isEmpty()) {
            return; // not from a checkout (tests, an IDE)
        }
        Path dir = dir(env, Launcher.checkout(env).get());
        String classPath = System.getProperty("java.class.path", "");
        try {
            Path file = dir.resolve("classpath");
            String java = Path.of(System.getProperty("java.home"), "bin", "java") + "\n";
            String path = unsignedPath(dir, classPath, false);
            if (Files.isRegularFile(file) && Files.readString(file).equals(path) && allThere(path)
                    && !Files.getLastModifiedTime(file).toInstant().isBefore(newestSource(Launcher.checkout(env).get()))
                    && Files.isRegularFile(dir.resolve("java")) && Files.readString(dir.resolve("java")).equals(java)) {
                return;
            }
            Files.createDirectories(dir);
            FileUtil.writeAtomically(dir.resolve("java"), java);
            FileUtil.writeAtomically(file, unsignedPath(dir, classPath, true));
            // An archive of the old classes would be refused by the JVM, and their lists name classes
            // that may be gone: the next save and resume list theirs again. Lists a killed run or
            // dump left half-made (classes.<pid>) go too.
            Files.deleteIfExists(dir.resolve(ARCHIVE));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith("classes"))::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir.resolve(ARCHIVE + ".failed"));
            Files.deleteIfExists(dir.resolve(ARCHIVE + ".refused"));
        } catch (IOException | RuntimeException e) {
            // the slow way still works: JBang every time
        }
    }

    /**
     * A JVM given an archive it cannot use (its JDK updated in place since, or the file damaged) runs
     * without any, not even the JDK's own, and says nothing: a start ~0.2 s slower every time. The
     * installed command marks the starts it gives the archive; when such a JVM shares no classes,
     * the archive goes, and the next direct save or resume makes one that fits. Refused again before
     * any start could use it, it is this JVM's own settings that refuse it (-Xshare:off in
     * JAVA_TOOL_OPTIONS): no more archives until the next compile, rather than one made per save.
     */
    private static void dropRefusedArchive(Env env) {
        if (!Boolean.getBoolean(ARCHIVE_GIVEN) || Launcher.checkout(env).isEmpty()) {
            return;
        }
        Path dir = dir(env, Launcher.checkout(env).get());
        Path refused = dir.resolve(ARCHIVE + ".refused");
        try {
            if (System.getProperty("java.vm.info", "").contains("sharing")) {
                Files.deleteIfExists(refused);
                return;
            }
            Files.deleteIfExists(dir.resolve(ARCHIVE));
            Files.writeString(Files.exists(refused) ? dir.resolve(ARCHIVE + ".failed") : refused, "");
        } catch (IOException e) {
            // the next start tries again
        }
    }

    /** Whether every entry of a class path exists (a copy of a signed jar may have been removed since). */
    private static boolean allThere(String classPath) {
        return Arrays.stream(classPath.split(java.io.File.pathSeparator)).allMatch(e -> Files.exists(Path.of(e)));
    }

    /** The class path with each signed jar replaced by an unsigned copy (made when asked). */
    static String unsignedPath(Path dir, String classPath, boolean make) throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar) && signed(jar)) {
                Path copy = dir.resolve("jars").resolve(jar.getFileName());
                if (make && !Files.isRegularFile(copy)) {
                    unsign(jar, copy);
                }
                out.add(copy.toString());
            } else {
                out.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    /**
     * Whether a jar carries signature files. Asked of every jar on each start through JBang: the
     * jar's central directory is read, not its entries one after the other (10 MB of jars, 160 ms).
     */
    private static boolean signed(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> isSignature(e.getName()));
        }
    }

    private static boolean isSignature(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        return n.startsWith("META-INF/") && n.indexOf('/', 9) < 0
                && (n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC"));
    }

    private static void unsign(Path jar, Path copy) throws IOException {
        Files.createDirectories(copy.getParent());
        Path tmp = copy.resolveSibling(copy.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (isSignature(e.getName())) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        Files.move(tmp, copy, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static java.time.Instant newestSource(Path checkout) throws IOException {
        java.time.Instant newest = Files.getLastModifiedTime(checkout.resolve("continuum.java")).toInstant();
        for (String dir : List.of("commands", "lib")) {
            try (Stream<Path> all = Files.walk(checkout.resolve(dir))) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    FileTime t = Files.getLastModifiedTime(p);
                    if (t.toInstant().isAfter(newest)) {
                        newest = t.toInstant();
                    }
                }
            }
        }
        return newest;
    }
}
