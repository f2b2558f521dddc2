package lib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One saved session as list/show/resume see it. Reads only metadata.json, so listing never
 * parses transcripts. Vaults written by the original tool have fewer keys; all are optional.
 */
public record SessionInfo(String id, Path dir, JsonNode meta, String damage) {
    private static final DateTimeFormatter ID_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public static SessionInfo load(Path dir) {
        String id = dir.getFileName().toString();
        try {
            JsonNode meta = Json.COMPACT.readTree(dir.resolve("metadata.json").toFile());
            if (meta == null || !meta.isObject()) {
                return new SessionInfo(id, dir, Json.COMPACT.createObjectNode(), "metadata.json is not a JSON object");
            }
            return new SessionInfo(id, dir, meta, null);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return new SessionInfo(id, dir, Json.COMPACT.createObjectNode(), "metadata.json is missing");
        } catch (IOException e) {
            return new SessionInfo(id, dir, Json.COMPACT.createObjectNode(), "metadata.json is unreadable");
        }
    }

    public boolean damaged() {
        return damage != null;
    }

    public String description() {
        return text(meta.path("description"), "(no description)");
    }

    public String hostname() {
        return text(meta.path("hostname"), "?");
    }

    public String workspacePath() {
        return text(meta.path("workspace_path"), null);
    }

    public JsonNode git() {
        return meta.path("git");
    }

    public boolean isRepo() {
        return git().path("is_repo").asBoolean(false);
    }

    public String branch() {
        return isRepo() ? text(git().path("branch"), "?") : "N/A";
    }

    public String remoteUrl() {
        return text(git().path("remote_url"), null);
    }

    public String agentSessionId() {
        return text(meta.path("agent").path("session_id"), null);
    }

    public boolean hasBundle() {
        return Files.isRegularFile(dir.resolve("workspace.bundle"));
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** When it was saved: metadata's timestamp, else the time in the id. */
    public Instant when() {
        String ts = meta.path("timestamp").asText("");
        try {
            return OffsetDateTime.parse(ts).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(ts).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(id.substring("session-".length(), "session-".length() + 15), ID_STAMP)
                            .atZone(ZoneId.systemDefault()).toInstant();
                } catch (RuntimeException e3) {
                    return Instant.EPOCH;
                }
            }
        }
    }

    /** The metadata object with the session id set even for damaged entries (for --json). */
    public ObjectNode toJson() {
        ObjectNode o = meta.isObject() ? ((ObjectNode) meta).deepCopy() : Json.COMPACT.createObjectNode();
        if (!o.has("session_id")) {
            o.put("session_id", id);
        }
        if (damaged()) {
            o.put("damaged", damage);
        }
        return o;
    }

    private static String text(JsonNode n, String fallback) {
        return n.isTextual() && !n.asText().isBlank() ? n.asText() : fallback;
    }
}
