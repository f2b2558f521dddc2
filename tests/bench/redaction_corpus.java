///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES ../../continuum.java

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import lib.secrets.Redactor;

/**
 * False-positive measurement for the redactor on real source text. Arguments: zip files or
 * folders of sources (default: this JDK's lib/src.zip). Prints lines read, lines that would be
 * redacted by kind, and samples to judge by eye (real secrets in a source tree are rare).
 */
public class redaction_corpus {
    public static void main(String... args) throws Exception {
        List<Path> inputs = new ArrayList<>();
        for (String a : args) {
            inputs.add(Path.of(a));
        }
        if (inputs.isEmpty()) {
            inputs.add(Path.of(System.getProperty("java.home"), "lib", "src.zip"));
        }
        long[] lines = {0};
        long[] files = {0};
        TreeMap<String, List<String>> hits = new TreeMap<>();
        for (Path in : inputs) {
            if (in.toString().endsWith(".zip") || in.toString().endsWith(".jar")) {
                try (ZipFile zip = new ZipFile(in.toFile())) {
                    for (var e : java.util.Collections.list(zip.entries())) {
                        if (!e.isDirectory() && isSource(e.getName())) {
                            files[0]++;
                            try (BufferedReader r = new BufferedReader(new InputStreamReader(zip.getInputStream(e), StandardCharsets.ISO_8859_1))) {
                                scan(e.getName(), r, lines, hits);
                            }
                        }
                    }
                }
            } else {
                try (var walk = Files.walk(in)) {
                    for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile).filter(p -> isSource(p.toString()))::iterator) {
                        files[0]++;
                        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
                            scan(f.toString(), r, lines, hits);
                        }
                    }
                }
            }
        }
        long total = hits.values().stream().mapToLong(List::size).sum();
        System.out.printf("files %d, lines %d, lines redacted %d (%.5f%%)%n", files[0], lines[0], total,
                100.0 * total / Math.max(1, lines[0]));
        hits.forEach((kind, list) -> {
            System.out.println("  " + kind + ": " + list.size());
            int step = Math.max(1, list.size() / 12);
            for (int i = 0; i < list.size(); i += step) {
                System.out.println("      " + list.get(i));
            }
        });
    }

    static boolean isSource(String name) {
        return name.matches(".*\\.(java|py|js|ts|go|rs|c|h|sh|yml|yaml|json|properties|md|toml)$");
    }

    static void scan(String name, BufferedReader r, long[] lines, TreeMap<String, List<String>> hits) throws Exception {
        String line;
        while ((line = r.readLine()) != null) {
            lines[0]++;
            Redactor red = new Redactor();
            red.redact(line);
            for (String kind : red.counts().keySet()) {
                String shown = line.strip();
                hits.computeIfAbsent(kind, k -> new ArrayList<>())
                        .add(name + ": " + (shown.length() > 140 ? shown.substring(0, 140) + "…" : shown));
            }
        }
    }
}
