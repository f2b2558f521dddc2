package lib.agent.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lib.agent.Agent.Installed;
import lib.base.FileUtil;
import lib.base.Json;
import lib.base.UserError;

/**
 * continuum's SessionEnd hook in Claude Code's settings.json, for users who do not install the
 * plugin: added beside whatever is there (no key, hook or setting is ever dropped), once, and
 * taken out again on request. A hook is continuum's when its command runs plugin/session-end.
 */
final class ClaudeSettings {
    static final String EVENT = "SessionEnd";
    private static final String MARK = "plugin/session-end";

    private ClaudeSettings() {
    }

    static Installed setHook(Path settings, String command, boolean remove) throws IOException {
        ObjectNode root = read(settings);
        ObjectNode hooks = root.has("hooks") && root.get("hooks").isObject() ? (ObjectNode) root.get("hooks") : null;
        boolean present = hooks != null && isInstalled(root);
        if (remove) {
            if (!present) {
                return new Installed(settings, false);
            }
            ArrayNode groups = (ArrayNode) hooks.get(EVENT);
            for (JsonNode group : groups) {
                if (group.path("hooks").isArray()) {
                    ArrayNode inner = (ArrayNode) group.get("hooks");
                    for (int i = inner.size() - 1; i >= 0; i--) {
                        if (inner.get(i).path("command").asText("").contains(MARK)) {
                            inner.remove(i);
                        }
                    }
                }
            }
            for (int i = groups.size() - 1; i >= 0; i--) {
                if (groups.get(i).path("hooks").isEmpty()) {
                    groups.remove(i);
                }
            }
            if (groups.isEmpty()) {
                hooks.remove(EVENT);
            }
            if (hooks.isEmpty()) {
                root.remove("hooks");
            }
        } else {
            if (present) {
                return new Installed(settings, false);
            }
            if (hooks == null) {
                if (root.has("hooks")) {
                    throw new UserError(settings + " has a 'hooks' that is not an object: fix it by hand first");
                }
                hooks = root.putObject("hooks");
            }
            ArrayNode groups = hooks.has(EVENT) && hooks.get(EVENT).isArray() ? (ArrayNode) hooks.get(EVENT) : hooks.putArray(EVENT);
            groups.addObject().putArray("hooks").addObject().put("type", "command").put("command", command);
        }
        Files.createDirectories(settings.getParent());
        FileUtil.writeAtomically(settings, Json.MAPPER.writeValueAsString(root) + "\n");
        return new Installed(settings, true);
    }

    static boolean isInstalled(ObjectNode root) {
        for (JsonNode group : root.path("hooks").path(EVENT)) {
            for (JsonNode h : group.path("hooks")) {
                if (h.path("command").asText("").contains(MARK)) {
                    return true;
                }
            }
        }
        return false;
    }

    static ObjectNode read(Path settings) throws IOException {
        if (!Files.isRegularFile(settings)) {
            return Json.MAPPER.createObjectNode();
        }
        String text = Files.readString(settings);
        if (text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UserError(settings + " is not valid JSON, so continuum will not touch it: fix it by hand first");
        }
        if (!(n instanceof ObjectNode o)) {
            throw new UserError(settings + " is not a JSON object, so continuum will not touch it");
        }
        return o;
    }
}
