///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES ../continuum.java
//SOURCES support/*.java lib/*.java lib/**/*.java commands/*.java e2e/*.java
//DEPS org.junit.jupiter:junit-jupiter:5.14.1
//DEPS org.junit.platform:junit-platform-launcher:1.14.1

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs every test under tests/ (or those whose class name matches the arguments, e.g. `SaveTest`)
 * and ends with the line "N passed, N failed, N skipped".
 */
public class run {
    public static void main(String... args) {
        List<String> patterns = new ArrayList<>();
        for (String a : args) {
            patterns.add(".*" + a + ".*");
        }
        if (patterns.isEmpty()) {
            patterns.add(".*Test");
            support.AgentClients.prefetch(System.out);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("lib"), selectPackage("commands"), selectPackage("e2e"))
                .filters(includeClassNamePatterns(patterns.toArray(String[]::new)))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener progress = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    return;
                }
                String mark = switch (result.getStatus()) {
                    case SUCCESSFUL -> "ok  ";
                    case FAILED -> "FAIL";
                    case ABORTED -> "skip";
                };
                // an assumption that did not hold: its message says why the test was skipped
                String why = result.getStatus() == TestExecutionResult.Status.ABORTED
                        ? result.getThrowable().map(t -> " (" + t.getMessage() + ")").orElse("") : "";
                System.out.println(mark + " " + name(id) + why);
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                System.out.println("skip " + name(id) + " (" + reason + ")");
            }
        };
        LauncherFactory.create().execute(request, summary, progress);
        TestExecutionSummary s = summary.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        for (TestExecutionSummary.Failure f : s.getFailures()) {
            out.println();
            out.println("FAILED " + name(f.getTestIdentifier()));
            Throwable t = f.getException();
            out.println("  " + t);
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().startsWith("lib.") || e.getClassName().startsWith("commands.")
                        || e.getClassName().startsWith("e2e.") || e.getClassName().startsWith("support.")) {
                    out.println("    at " + e);
                }
            }
        }
        long failed = s.getTotalFailureCount();
        long skipped = s.getTestsSkippedCount() + s.getTestsAbortedCount();
        out.println();
        out.println(s.getTestsSucceededCount() + " passed, " + failed + " failed, " + skipped + " skipped");
        System.exit(failed > 0 || s.getTestsFoundCount() == 0 ? 1 : 0);
    }

    private static String name(TestIdentifier id) {
        String legacy = id.getLegacyReportingName();
        return id.getUniqueId().replaceAll(".*\\[class:([^\\]]+)\\].*", "$1").replaceAll(".*\\.", "")
                + "." + legacy;
    }
}
