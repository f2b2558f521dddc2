package lib.git;

import java.net.URISyntaxException;
import java.util.Locale;
import org.eclipse.jgit.transport.URIish;

/**
 * Remote URLs as they may be shown or stored: never with a password or token in them. Over HTTP(S)
 * and git:// the whole user part goes (a token is often passed as the user name); over SSH the
 * user name stays, since the server needs it (git@github.com), and only a password goes.
 */
public final class GitUrls {
    private static final java.util.Set<String> SCHEMES = java.util.Set.of("ssh", "git+ssh", "ssh+git", "git", "http",
            "https", "file", "ftp", "ftps", "sftp");

    private GitUrls() {
    }

    public static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        try {
            URIish u = new URIish(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            boolean ssh = scheme.isEmpty() || scheme.equals("ssh") || scheme.equals("git+ssh") || scheme.equals("ssh+git");
            if (u.getPass() == null && (ssh || u.getUser() == null)) {
                return url;
            }
            return u.setPass(null).setUser(ssh ? u.getUser() : null).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return url.replaceAll("//[^/@\\s]+@", "//");
        }
    }

    /** Two spellings of one remote compare equal: no credentials, no trailing slash or ".git". */
    public static String normalize(String url) {
        return withoutCredentials(url).replaceAll("/+$", "").replaceAll("\\.git$", "");
    }

    /**
     * Null when url is something git can fetch from (a URL, scp-like host:path, or an existing
     * path), else why not, in words a user can act on.
     */
    public static String problem(String url) {
        if (url == null || url.isBlank()) {
            return "the URL is empty";
        }
        if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "the URL holds control characters";
        }
        if (url.startsWith("-")) {
            return "a URL cannot start with '-'";
        }
        if (url.regionMatches(true, 0, "ext::", 0, 5) || url.regionMatches(true, 0, "fd::", 0, 4)) {
            return "remote helpers (ext::, fd::) are not allowed";
        }
        try {
            URIish u = new URIish(url);
            if (u.getScheme() == null && u.getHost() == null && u.getPath() == null) {
                return "it is not a git URL";
            }
            if (url.contains("://")) {
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!SCHEMES.contains(scheme)) {
                    return "git cannot fetch over '" + scheme + "://' (use ssh://, https://, git://, file:// or a path)";
                }
                if (!scheme.equals("file")) {
                    java.net.URI checked = new java.net.URI(url.replace(" ", "%20"));
                    if (checked.getHost() == null && u.getHost() == null) {
                        return "it names no host";
                    }
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            return "it is not a git URL (" + e.getMessage() + ")";
        }
        return null;
    }
}
