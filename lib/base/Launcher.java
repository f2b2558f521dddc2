package lib.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How continuum is started from a shell: the checkout it runs from (its ./jbang bootstrap and
 * continuum.java), and the small `continuum` and `ccc` commands `continuum install` writes.
 */
public final class Launcher {
    private Launcher() {
    }

    /** The checkout this copy runs from, known from the bootstrap that started it. */
    public static Optional<Path> checkout(Env env) {
        String bootstrap = env.get("CONTINUUM_LAUNCHER");
        if (bootstrap == null) {
            return Optional.empty();
        }
        Path dir = Path.of(bootstrap).toAbsolutePath().getParent();
        return dir != null && Files.isRegularFile(dir.resolve("continuum.java")) ? Optional.of(dir) : Optional.empty();
    }

    /** "continuum" when it is on PATH, else this checkout's bootstrap and entry file, quoted for a shell. */
    public static String command(Env env) {
        if (env.findOnPath("continuum") != null) {
            return "continuum";
        }
        return checkout(env).map(Launcher::direct).orElse("continuum");
    }

    /** The program and arguments that start this copy again: the installed command, else the checkout's bootstrap. */
    public static List<String> argv(Env env) {
        Path installed = env.findOnPath("continuum");
        if (installed != null) {
            return List.of(installed.toString());
        }
        return checkout(env).map(c -> List.of(c.resolve("jbang").toString(), c.resolve("continuum.java").toString()))
                .orElse(List.of());
    }

    /**
     * The shell test that a class list the JVM wrote names the class: one name a line, followed on
     * Java 21 and later by the class's number (`lib/ResumeCommand id: 412`).
     */
    static String names(String workClass, String list) {
        return "grep -qE \"^" + workClass + "( |\\$)\" " + list;
    }

    /**
     * The shell command that writes the lists' lines into one, each once. Java 21 and later number
     * each class in its own list (`lib/SaveCommand id: 412`); two lists number them apart, and the
     * JVM refuses a list that numbers one class twice: the numbers go (a class the JVM loads
     * itself needs none).
     */
    static String merged(String lists, String all) {
        return "cat " + lists + " 2>/dev/null | awk '{ sub(/ id: [0-9]+$/, \"\") } !seen[$0]++' > " + all;
    }

    private static String direct(Path checkout) {
        return Shell.word(checkout.resolve("jbang").toString()) + " " + Shell.word(checkout.resolve("continuum.java").toString());
    }

    /** What one written command does. */
    public record Written(Path file, boolean changed) {
    }

    /**
     * Writes `continuum` and `ccc` into bin: each execs this checkout's bootstrap, so they work in
     * any shell that has bin on its PATH, with nothing else installed.
     */
    public static List<Written> install(Path checkout, Path bin) throws IOException {
        Files.createDirectories(bin);
        return List.of(write(bin.resolve("continuum"), checkout, ""), write(bin.resolve("ccc"), checkout, " resume"));
    }

    /**
     * How the installed command starts the JVM (JVM log lines are turned off besides: they would
     * mix into --json output). A command runs for seconds at most: the optimising compiler (C2)
     * only competes with it for the cores, and on a machine of one or two cores so does a second
     * thread of the quick compiler (the JVM's choice is two whatever the cores). Most of what a
     * save allocates dies young, and memory the process touches for the first time costs a page
     * fault per 4 KB: a small young generation is reused instead of a hundred fresh megabytes, and
     * on Linux the heap is asked for in 2 MB pages (ignored, with its warning silenced, where the
     * kernel has them turned off; the option does not exist elsewhere).
     */
    static List<String> jvmOptions(String osName, int cores) {
        List<String> o = new java.util.ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmn24m"));
        if (cores <= 2) {
            o.add("-XX:CICompilerCount=1");
        }
        if (osName.startsWith("Linux")) {
            o.add("-XX:+UseTransparentHugePages");
        }
        return o;
    }

    /**
     * The command's script. It runs java directly on the class path a run through JBang left
     * (FastStart) while no source file is newer than it, else the checkout's bootstrap. The first
     * direct save and the first direct resume that succeed at their work (FastStart.TRAINED_VERBS)
     * each list the classes they loaded (classes-save, classes-resume), and a JVM in the background
     * (its output discarded, the command's exit status already returned) turns the lists together
     * into a class-data archive (FastStart.ARCHIVE): later starts map those classes, the JDK's and
     * picocli's too, instead of parsing and verifying them again. One list alone would leave the
     * other verb a few hundred classes to load from the jars (a resume's clone, a save's capture).
     * --version loads too few classes to repay mapping the archive.
     */
    private static Written write(Path file, Path checkout, String verb) throws IOException {
        String c = Shell.word(checkout.toString());
        String a = "\"$l/" + FastStart.ARCHIVE;
        String list = "\"$l/classes.$$\"";
        String all = "\"$l/classes.$$.all\""; // every trained verb's list: its name marks a dump in progress
        String run = "\"$java\" " + String.join(" ", jvmOptions(System.getProperty("os.name", ""),
                Runtime.getRuntime().availableProcessors())) + " -Xlog:disable";
        String rest = " -cp \"$cp\" continuum" + verb + " \"$@\"\n";
        String withArchive = " -XX:SharedArchiveFile=" + a + "\" -D" + FastStart.ARCHIVE_GIVEN + "=true";
        String v = verb.isEmpty() ? "$1" : verb.strip(); // the verb being run: ccc is always a resume
        String trained = "\"$l/" + FastStart.CLASS_LIST + v + "\"";
        String text = "#!/bin/sh\n"
                + "# Written by 'continuum install'; runs the checkout at " + checkout + "\n"
                + "l=\"${XDG_CACHE_HOME:-$HOME/.cache}/continuum/launch/" + FastStart.name(checkout) + "\"\n"
                // every entry of the class path still there (a JBang or Maven cache cleared since)
                + "present() { o=$IFS; IFS=:; set -f; r=0; for j in $1; do [ -e \"$j\" ] || r=1; done; set +f; IFS=$o; return $r; }\n"
                // a find that fails (one without -quit) counts as an edit: JBang then, never stale classes;
                // so do a java that is gone (its JDK uninstalled since) and a jar that is gone: JBang
                // runs on the java there is now, and fetches and compiles what is missing
                + "if [ -r \"$l/classpath\" ] && [ -r \"$l/java\" ] && read -r java < \"$l/java\" && [ -x \"$java\" ]"
                + " && { read -r cp < \"$l/classpath\" || [ -n \"$cp\" ]; } && present \"$cp\""
                + " && newer=$(find " + c + "/continuum.java " + c + "/commands " + c + "/lib -newer \"$l/classpath\" -print -quit 2>/dev/null)"
                + " && [ -z \"$newer\" ]; then\n"
                + "  export CONTINUUM_START=direct CONTINUUM_LAUNCHER=" + Shell.word(checkout.resolve("jbang").toString()) + "\n"
                + "  w=; case " + (verb.isEmpty() ? "\"${1:-}\"" : v) + " in"
                + FastStart.TRAINED_VERBS.stream().map(t -> " " + t.verb() + ") w=" + t.listed() + ";;").collect(Collectors.joining())
                + " esac\n"
                + "  case $w in ?*)\n"
                // a run that only prints its help (ccc --help) loads too little to stand for the rest
                + "    train=1; for x in \"$@\"; do case \"$x\" in -h|--help|-V|--version) train=;; esac; done\n"
                // this verb not in the archive yet, or no archive; one archive at a time: saves in
                // quick succession would each start a dump of their own
                + "    if [ -n \"$train\" ] && { [ ! -r " + a + "\" ] || [ ! -e " + trained + " ]; } && [ ! -e " + a + ".failed\" ] "
                + "&& [ -z \"$(find \"$l\" -name 'classes.*' -mmin -10 2>/dev/null)\" ]; then\n"
                + "      if [ -r " + a + "\" ]; then\n"
                + "        " + run + withArchive + " -XX:DumpLoadedClassList=" + list + rest
                + "      else\n"
                + "        " + run + " -XX:DumpLoadedClassList=" + list + rest
                + "      fi\n"
                + "      rc=$?\n"
                // a run that stopped early, or never did the verb's work (a picker quit), loaded too little
                + "      if [ $rc -eq 0 ] && " + names("$w", list) + "; then\n"
                // from the archive's own folder: a JVM whose working folder is deleted meanwhile (a
                // save from a temporary checkout) cannot open the class path's jars, and archives the JDK alone
                + "        ( cd \"$l\" || exit; " + merged("\"$l\"/" + FastStart.CLASS_LIST + "* " + list, all) + "\n"
                + "          mv -f " + list + " " + trained + "\n"
                + "          if \"$java\" -Xshare:dump -XX:SharedClassListFile=" + all
                + " -XX:SharedArchiveFile=" + a + ".$$\" -cp \"$cp\"; then\n"
                // a class path renewed meanwhile (an edit) would make this archive one the JVM refuses
                + "            [ \"$l/classpath\" -nt " + trained + " ] || mv -f " + a + ".$$\" " + a + "\" || touch " + a + ".failed\"\n"
                + "          else touch " + a + ".failed\"; fi\n"
                + "          rm -f " + a + ".$$\" " + all + " ) </dev/null >/dev/null 2>&1 &\n"
                + "      else rm -f " + list + "; fi\n"
                + "      exit $rc\n"
                + "    fi;;\n"
                + "  esac\n"
                + "  if [ -r " + a + "\" ] && [ \"${1:-}\" != --version ]; then\n"
                + "    exec " + run + withArchive + rest
                + "  fi\n"
                + "  exec " + run + rest
                + "fi\n"
                + "[ -x " + Shell.word(checkout.resolve("jbang").toString()) + " ] || { echo " + Shell.word("continuum: the checkout at "
                + checkout + " is gone (moved or deleted); run './jbang continuum.java install' in a clone to install it again") + " >&2; exit 1; }\n"
                + "exec " + direct(checkout) + verb + " \"$@\"\n";
        if (Files.isRegularFile(file) && Files.readString(file).equals(text)) {
            return new Written(file, false);
        }
        FileUtil.writeAtomically(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Written(file, true);
    }
}
