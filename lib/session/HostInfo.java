package lib.session;

import lib.base.Env;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the session ran. The CCC_HOST_* overrides exist because the original tool runs in a container. */
public record HostInfo(String hostname, String kernel, String os, String user) {

    public static HostInfo detect(Env env) {
        String hostname = env.get("CCC_HOST_HOSTNAME");
        if (hostname == null) {
            hostname = firstLine(Path.of("/proc/sys/kernel/hostname"));
        }
        if (hostname == null) {
            hostname = env.get("HOSTNAME", env.get("COMPUTERNAME"));
        }
        if (hostname == null) {
            hostname = resolveLocalName();
        }
        String kernel = env.get("CCC_HOST_KERNEL");
        if (kernel == null) {
            kernel = firstLine(Path.of("/proc/sys/kernel/osrelease"));
        }
        if (kernel == null) {
            kernel = System.getProperty("os.version");
        }
        String os = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        String user = env.get("USER", System.getProperty("user.name"));
        return new HostInfo(hostname, kernel, os, user);
    }

    // Last resort only: a name lookup can stall for seconds on a badly configured resolver.
    private static String resolveLocalName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String firstLine(Path file) {
        try {
            if (Files.isReadable(file)) {
                String s = Files.readString(file).trim();
                return s.isEmpty() ? null : s;
            }
        } catch (IOException ignored) {
            // fall through to the next source
        }
        return null;
    }
}
