package commands;

import picocli.CommandLine.Parameters;

/** Which saved session: an id, a unique part of one, 'latest', or a row number from 'continuum list'. */
public class SessionRef {
    @Parameters(arity = "0..1", paramLabel = "ID|latest|N",
            description = "Session id or unique part of one, 'latest', or a row number from 'continuum list'.")
    String ref;
}
