package lib.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * metadata.json: what a session folder says about itself. The first keys are the original tool's,
 * with the same names and meaning, so sessions it wrote still load; unknown keys are ignored, so
 * sessions written by later versions load too. Every key is spelled once: here, by its component
 * name in snake_case.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionMetadata(String sessionId, String timestamp, String description, String workspacePath,
                              String hostname, String kernelVersion, GitInfo git, Integer formatVersion,
                              String continuumVersion, AgentInfo agent, String os, String user,
                              Redactions redactions,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Boolean auto,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Long storedBytes) {

    /**
     * The vault format this version writes and the newest it restores. A release that stores a
     * session's files so that this one would restore them wrongly (another encoding, another file
     * name for the same content) raises it; added keys and added files this one can ignore do not.
     */
    public static final int FORMAT_VERSION = 1;

    /** The key of {@link #description}, the one a session's metadata has changed after its save (describe). */
    public static final String DESCRIPTION_KEY = "description";

    /** The git side of a session. Counts are null in sessions the original tool wrote. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GitInfo(boolean isRepo, String branch, boolean hasUncommitted, boolean hasUnpushed, String head,
                          boolean detached, String upstream, String remoteUrl, String snapshotCommit,
                          String indexCommit, String snapshotTree, String indexTree, String wipBranch,
                          Integer unpushedCount, Integer untrackedCount, Integer changedCount,
                          List<LeftOut> skippedFiles, List<String> bundlePrerequisites, String state,
                          List<CommittedSecret> secretsInUnpushedCommits,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Operation operation) {
        public static final GitInfo NOT_A_REPO = new GitInfo(false, null, false, false, null, false, null, null,
                null, null, null, null, null, null, null, null, List.of(), List.of(), null, List.of(), null);

        public GitInfo {
            skippedFiles = skippedFiles == null ? List.of() : List.copyOf(skippedFiles);
            bundlePrerequisites = bundlePrerequisites == null ? List.of() : List.copyOf(bundlePrerequisites);
            secretsInUnpushedCommits = secretsInUnpushedCommits == null ? List.of() : List.copyOf(secretsInUnpushedCommits);
        }

        public GitInfo withWipBranch(String name) {
            return new GitInfo(isRepo, branch, hasUncommitted, hasUnpushed, head, detached, upstream, remoteUrl,
                    snapshotCommit, indexCommit, snapshotTree, indexTree, name, unpushedCount, untrackedCount,
                    changedCount, skippedFiles, bundlePrerequisites, state, secretsInUnpushedCommits, operation);
        }
    }

    /** A file the snapshot does not carry, and why. */
    public record LeftOut(String path, String reason) {
    }

    /** A key or token that an unpushed commit adds: it travels in the bundle as committed. */
    public record CommittedSecret(String path, String kind) {
    }

    /**
     * An operation in progress when the session was saved (merge, rebase, cherry-pick, revert,
     * bisect): its kind, the branch a rebase works on, and the files of the git folder that hold
     * its state, saved in the bundle's operation commit.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Operation(String kind, String branch, String commit, List<String> files) {
        public Operation {
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /** Which agent's session this is, and how its transcript was found and saved. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AgentInfo(String name, String sessionId, String transcriptFile, String foundBy, Long messageCount,
                            Long lineCount, Integer subagentCount,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long transcriptBytes,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String account) {
        public static AgentInfo none(String name) {
            return new AgentInfo(name, null, null, null, null, null, null, null, null);
        }
    }

    /** Secrets replaced in the saved text, by kind. */
    public record Redactions(int count, Map<String, Integer> kinds) {
        public Redactions {
            kinds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(kinds == null ? Map.of() : kinds));
        }
    }
}
