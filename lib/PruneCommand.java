package lib;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.base.UserError;
import lib.git.GitUrls;
import lib.git.RemoteResult;
import lib.session.Session;
import lib.term.Text;
import lib.vault.Vault;
import lib.vault.VaultLock;

/**
 * Removes old sessions from the vault and its remote: those beyond the newest N, or saved before
 * a time, or both. The newest session of each workspace stays unless asked, and so does a session
 * being resumed on this machine. In JGit's style: set the rules (checked as they are set, before
 * the vault is opened), plan(vault), then apply(vault, plan).
 */
public final class PruneCommand {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([hdwmy])");
    private Integer keepLast;
    private Duration olderThan;
    private boolean includeLatest;
    private Instant now = Instant.now();

    public PruneCommand setKeepLast(Integer n) {
        if (n != null && n < 0) {
            throw new UserError("--keep-last must be 0 or more, got " + n + " (e.g. --keep-last 30)");
        }
        this.keepLast = n;
        return this;
    }

    /** "30d", "12h", "8w", "6m" (30 days each), "1y" (365 days). */
    public PruneCommand setOlderThan(String text) {
        if (text == null) {
            this.olderThan = null;
            return this;
        }
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UserError("--older-than takes a number and a unit h, d, w, m or y (e.g. 30d, 6m), got '"
                    + Text.oneLine(text, 40) + "'");
        }
        long n = Long.parseLong(m.group(1));
        this.olderThan = switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "m" -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
        };
        return this;
    }

    public PruneCommand setIncludeLatest(boolean includeLatest) {
        this.includeLatest = includeLatest;
        return this;
    }

    PruneCommand setNow(Instant now) {
        this.now = now;
        return this;
    }

    /** What would go, how many bytes that is (sizeUnknown: sessions saved before sizes were recorded), and what stays because it must. */
    public record Plan(List<Session> remove, long bytes, int sizeUnknown, List<Session> keptAsLatest, List<Session> keptAsResumed) {
    }

    /** Refuses a command that names no rule. */
    public PruneCommand check() {
        if (keepLast == null && olderThan == null) {
            throw new UserError("say what to remove: --keep-last N, --older-than DURATION, or both (see 'continuum prune --help')");
        }
        return this;
    }

    public Plan plan(Vault vault) throws IOException {
        check();
        if (!vault.exists()) {
            throw new UserError("there is no vault yet at " + vault.dir() + ": nothing to prune");
        }
        List<Session> all = vault.sessions().list(s -> true, 0); // newest first
        if (all.isEmpty()) {
            throw new UserError("the vault has no sessions: nothing to prune");
        }
        Set<String> resuming = vault.local().beingResumed();
        Set<String> workspacesSeen = new HashSet<>();
        List<Session> remove = new ArrayList<>();
        List<Session> latest = new ArrayList<>();
        List<Session> resumed = new ArrayList<>();
        long bytes = 0;
        int unknown = 0;
        for (int i = 0; i < all.size(); i++) {
            Session s = all.get(i);
            boolean newestOfWorkspace = workspacesSeen.add(workspaceKey(s));
            boolean beyond = keepLast == null || i >= keepLast;
            boolean old = olderThan == null || s.when().isBefore(now.minus(olderThan));
            if (!beyond || !old) {
                continue;
            }
            if (resuming.contains(s.id())) {
                resumed.add(s);
            } else if (newestOfWorkspace && !includeLatest) {
                latest.add(s);
            } else {
                remove.add(s);
                Long size = s.meta() == null ? null : s.meta().storedBytes();
                if (size == null) {
                    long here = vault.localBytes(s.id());
                    if (here < 0) {
                        unknown++;
                    } else {
                        bytes += here;
                    }
                } else {
                    bytes += size;
                }
            }
        }
        return new Plan(remove, bytes, unknown, latest, resumed);
    }

    /** The same project on the same machine: its origin when it has one, else host and folder. */
    private static String workspaceKey(Session s) {
        String origin = s.remoteUrl();
        return origin != null ? GitUrls.withoutCredentials(origin) : s.hostname() + ":" + s.workspacePath();
    }

    /** Removes the plan's sessions here, then from the remote (null when the vault has none). */
    public RemoteResult apply(Vault vault, Plan plan) throws IOException {
        List<String> ids = plan.remove().stream().map(Session::id).toList();
        try (VaultLock lock = vault.lock()) {
            vault.prune(ids);
        }
        return vault.remoteUrl() == null ? null : vault.push();
    }
}
