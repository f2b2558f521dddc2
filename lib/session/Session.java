package lib.session;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import lib.base.About;
import lib.session.SessionMetadata.GitInfo;

/**
 * One saved session as list, show and resume see it: its id, its folder, its metadata, or why the
 * metadata could not be read (damage). Sessions the original tool wrote have fewer keys: every
 * accessor has a fallback.
 */
public record Session(String id, SessionFolder folder, SessionMetadata meta, String damage) {

    public boolean damaged() {
        return damage != null;
    }

    public String description() {
        return text(meta == null ? null : meta.description(), "(no description)");
    }

    public String hostname() {
        return text(meta == null ? null : meta.hostname(), "?");
    }

    public String workspacePath() {
        return text(meta == null ? null : meta.workspacePath(), null);
    }

    public GitInfo git() {
        return meta == null || meta.git() == null ? GitInfo.NOT_A_REPO : meta.git();
    }

    public boolean isRepo() {
        return git().isRepo();
    }

    public String branch() {
        return isRepo() ? text(git().branch(), "?") : "N/A";
    }

    public String remoteUrl() {
        return text(git().remoteUrl(), null);
    }

    public SessionMetadata.AgentInfo agent() {
        return meta == null || meta.agent() == null ? SessionMetadata.AgentInfo.none(null) : meta.agent();
    }

    /**
     * Saved in a vault format newer than this release reads (metadata.json's format_version):
     * its other files may be laid out or encoded in ways this release would restore wrongly.
     */
    public boolean newerFormat() {
        return meta != null && meta.formatVersion() != null && meta.formatVersion() > SessionMetadata.FORMAT_VERSION;
    }

    /** What show and resume say of a session in a newer format. */
    public String newerFormatNote() {
        String by = meta.continuumVersion() == null ? "a newer continuum" : "continuum " + meta.continuumVersion();
        return "saved by " + by + " in vault format " + meta.formatVersion() + ", which this one (" + About.VERSION
                + ", format " + SessionMetadata.FORMAT_VERSION + ") cannot restore";
    }

    public boolean auto() {
        return meta != null && Boolean.TRUE.equals(meta.auto());
    }

    /** When it was saved: metadata's timestamp, else the time in the id. */
    public Instant when() {
        String ts = meta == null || meta.timestamp() == null ? "" : meta.timestamp();
        try {
            return OffsetDateTime.parse(ts).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(ts).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e2) {
                return SessionId.savedAt(id).map(t -> t.atZone(ZoneId.systemDefault()).toInstant()).orElse(Instant.EPOCH);
            }
        }
    }

    private static String text(String s, String fallback) {
        return s != null && !s.isBlank() ? s : fallback;
    }
}
