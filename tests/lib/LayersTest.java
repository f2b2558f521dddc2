package lib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import support.Cli;

/**
 * The layout is the architecture: each folder of lib/ imports only the folders below it, lib/
 * never imports commands/. A newcomer can trust the arrows.
 */
class LayersTest {
    /** Each package and the packages it may use (besides itself and the JDK and libraries). */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "lib.base", List.of(),
            "lib.term", List.of("lib.base"),
            "lib.secrets", List.of("lib.base"),
            "lib.session", List.of("lib.base"),
            "lib.git", List.of("lib.base"),
            "lib.agent", List.of("lib.base", "lib.term", "lib.secrets", "lib.session", "lib.agent"),
            "lib.workspace", List.of("lib.base", "lib.term", "lib.secrets", "lib.session", "lib.git"),
            "lib.vault", List.of("lib.base", "lib.term", "lib.session", "lib.git"),
            "lib", List.of("lib."),
            "commands", List.of("lib"));
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?((?:lib|commands)\\.[\\w.]+);", Pattern.MULTILINE);

    @Test
    void noImportRunsFromALowerLayerUp() throws Exception {
        List<String> wrong = new ArrayList<>();
        Path root = Cli.repoRoot();
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("lib")), Files.walk(root.resolve("commands")))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(f);
                Matcher pm = PACKAGE.matcher(text);
                String pkg = pm.find() ? pm.group(1) : "";
                String layer = pkg.startsWith("lib.agent.") ? "lib.agent" : pkg;
                List<String> allowed = ALLOWED.get(layer);
                Matcher im = IMPORT.matcher(text);
                while (im.find()) {
                    String target = im.group(1);
                    String targetPkg = target.substring(0, target.lastIndexOf('.'));
                    boolean ok = targetPkg.equals(pkg) || targetPkg.startsWith(pkg + ".") && !pkg.equals("lib")
                            || (allowed != null && allowed.stream().anyMatch(a -> a.endsWith(".")
                                    ? targetPkg.startsWith(a) : targetPkg.equals(a) || targetPkg.startsWith(a + ".")));
                    if (!ok || allowed == null) {
                        wrong.add(root.relativize(f) + " imports " + target);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
