package lib.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import lib.base.UserError;

/**
 * A team's own rules, in the configuration format of the common secret scanners (gitleaks,
 * betterleaks): `.gitleaks.toml` or `.betterleaks.toml` in the workspace, and
 * `rules.toml` in the vault folder. Their `[[rules]]` (id, regex, secretGroup, keywords,
 * entropy, allow-lists) are added to the built-in ones, and their global allow-lists apply to
 * every rule; a file that matches one of them stays out of the snapshot like any other token.
 */
public final class UserRules {
    private static final List<String> WORKSPACE_FILES = List.of(".gitleaks.toml", ".betterleaks.toml");

    private UserRules() {
    }

    /** The built-in rules plus those of the workspace and the vault folder (either may be null). */
    public static RuleSet load(Path workspace, Path vaultDir) {
        List<Path> files = new ArrayList<>();
        if (workspace != null) {
            for (String name : WORKSPACE_FILES) {
                if (Files.isRegularFile(workspace.resolve(name))) {
                    files.add(workspace.resolve(name));
                }
            }
        }
        if (vaultDir != null && Files.isRegularFile(vaultDir.resolve("rules.toml"))) {
            files.add(vaultDir.resolve("rules.toml"));
        }
        RuleSet set = RuleSet.builtIn();
        for (Path f : files) {
            set = read(set, f);
        }
        return set;
    }

    static RuleSet read(RuleSet base, Path file) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new UserError(file + " is not a TOML rules file: " + oneLine(e.getMessage()));
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : root.path("rules")) {
            String id = r.path("id").asText("");
            if (id.isBlank() || !r.hasNonNull("regex")) {
                continue; // a rule on file paths only, or a stub: nothing to look for in text
            }
            Pattern p = compile(file, id, r.path("regex").asText());
            List<String> keywords = new ArrayList<>();
            r.path("keywords").forEach(k -> keywords.add(k.asText()));
            List<Pattern> allow = new ArrayList<>();
            List<String> stop = new ArrayList<>();
            for (JsonNode a : allowLists(r, "allowlist", "allowlists")) {
                a.path("regexes").forEach(x -> allow.add(compile(file, id, x.asText())));
                a.path("stopwords").forEach(x -> stop.add(x.asText()));
            }
            int group = r.path("secretGroup").asInt(0);
            if (group < 0 || group > p.matcher("").groupCount()) {
                throw new UserError(file + ": rule '" + id + "' names secretGroup " + group + " but its regex has "
                        + p.matcher("").groupCount() + " group(s)");
            }
            boolean ascii = keywords.stream().allMatch(k -> k.chars().allMatch(c -> c < 128 && c > 0));
            rules.add(new Rule(id, p, group, List.of(), ascii ? keywords : List.of(),
                    r.path("entropy").asDouble(0), true, Rule.ANY, allow, stop, Rule.ANYWHERE));
        }
        List<Pattern> allow = new ArrayList<>();
        List<String> stop = new ArrayList<>();
        for (JsonNode a : allowLists(root, "allowlist", "allowlists")) {
            a.path("regexes").forEach(x -> allow.add(compile(file, "allowlist", x.asText())));
            a.path("stopwords").forEach(x -> stop.add(x.asText()));
        }
        return base.with(rules, allow, stop);
    }

    /** Both spellings the scanners use: one [allowlist] table, or [[allowlists]]. */
    private static List<JsonNode> allowLists(JsonNode parent, String single, String many) {
        List<JsonNode> out = new ArrayList<>();
        if (parent.path(single).isObject()) {
            out.add(parent.path(single));
        }
        parent.path(many).forEach(out::add);
        return out;
    }

    /** Their regular expressions are Go's (RE2): named groups are written (?P<name>...) there. */
    private static Pattern compile(Path file, String id, String regex) {
        String java = regex.replaceAll("\\(\\?P<([A-Za-z][A-Za-z0-9]*)[^>]*>", "(?<$1>");
        try {
            return Pattern.compile(java);
        } catch (PatternSyntaxException e) {
            throw new UserError(file + ": rule '" + id + "' has a regular expression Java cannot read: "
                    + oneLine(e.getDescription()));
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
