package commands;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lib.ScanReport;
import lib.base.Env;
import lib.base.UserError;
import lib.secrets.UserRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "scan", description = "Show what a save would redact in a file or standard input: rule, line, masked value.",
        footerHeading = "%nExamples:%n",
        footer = {"  continuum scan ~/.claude/projects/-home-me-app/7c9e6679-7425-40de-944b-e07fc1f90ae7.jsonl",
                "  git log -p | continuum scan -", "",
                "Rules: the built-in ones, a .gitleaks.toml or .betterleaks.toml in the workspace, and",
                "rules.toml in the vault folder (CONTINUUM_HOME)."})
public class Scan extends Verb implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "PATH|-", defaultValue = "-", description = "The file to scan; '-' or none: standard input.")
    String path;
    @Mixin
    WorkspaceOption workspace;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        var rules = UserRules.load(workspace.orCurrent(env), env.vaultDir());
        var out = out();
        java.util.List<ScanReport.Hit> hits;
        if (path.equals("-")) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8))) {
                hits = ScanReport.scan(in, rules);
            }
        } else {
            Path file = env.cwd().resolve(path);
            if (!Files.isRegularFile(file)) {
                throw new UserError("no file " + file + " to scan (give a file, or '-' for standard input)");
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
                hits = ScanReport.scan(in, rules);
            }
        }
        String where = path.equals("-") ? "stdin" : path;
        for (ScanReport.Hit h : hits) {
            out.printf("%s:%d  %-22s %s%n", where, h.line(), h.rule(), h.masked());
        }
        out.println(hits.isEmpty() ? "No secrets found." : hits.size() + " secret(s) would be redacted.");
        return 0;
    }
}
