package commands;

import picocli.CommandLine.Option;

/** --json, shared by the verbs whose output scripts read. */
public class JsonOption {
    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;
}
