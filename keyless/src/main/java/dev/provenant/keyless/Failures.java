package dev.provenant.keyless;

/** One-line descriptions of sigstore-java's nested exceptions. */
final class Failures {
    private Failures() {}

    /** The outermost message followed by the innermost cause's, on one line. */
    static String describe(Throwable e) {
        String outer = message(e);
        String root = rootMessage(e);
        return outer.equals(root) ? outer : outer + ": " + root;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return message(root);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replace('\n', ' ').replace('\r', ' ');
    }
}
