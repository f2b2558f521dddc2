package lib.git;

/** How a network operation with a remote ended: ok, or the one line that says why not. */
public record RemoteResult(boolean ok, String problem) {
    public static final RemoteResult OK = new RemoteResult(true, null);

    public static RemoteResult failed(String problem) {
        return new RemoteResult(false, problem);
    }
}
