package lib;

import java.net.URISyntaxException;
import org.eclipse.jgit.transport.URIish;

/** Remote URLs as they may be shown or stored: never with a password or token in them. */
public final class Urls {
    private Urls() {
    }

    public static String withoutCredentials(String url) {
        try {
            URIish u = new URIish(url);
            if (u.getPass() == null) {
                return url;
            }
            String scheme = u.getScheme();
            boolean http = scheme != null && scheme.startsWith("http");
            return u.setPass(null).setUser(http ? null : u.getUser()).toString();
        } catch (URISyntaxException e) {
            return url.replaceAll("//[^/@\\s]+@", "//");
        }
    }
}
