package lib;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Predicate;
import lib.base.FileUtil;
import lib.git.GitUrls;
import lib.session.Session;
import lib.workspace.Workspace;

/** Which sessions `list` shows: those of a host, those of a project. */
public final class SessionFilter {
    private SessionFilter() {
    }

    public static Predicate<Session> onHost(String host) {
        return s -> host.equalsIgnoreCase(s.hostname());
    }

    /** Sessions of the project in dir: saved from that folder, or from a clone of the same origin. */
    public static Predicate<Session> ofProject(Path dir) throws IOException {
        try (Workspace ws = Workspace.open(dir)) {
            String path = ws.root().toString();
            String project = ws.project();
            return s -> path.equals(s.workspacePath())
                    || (s.workspacePath() != null && path.equals(FileUtil.realPath(Path.of(s.workspacePath())).toString()))
                    || (project != null && s.remoteUrl() != null && project.equals(GitUrls.normalize(s.remoteUrl())));
        }
    }
}
