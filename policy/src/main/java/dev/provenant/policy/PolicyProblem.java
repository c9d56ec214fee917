package dev.provenant.policy;

/**
 * One thing wrong with a policy, and where: the path of the offending value (for example
 * {@code stages[1].evidence[0].threshold}) and the line it is on, when known.
 *
 * @param path the value's path in the document, {@code $} for the document itself
 * @param line the 1-based line of the value, or 0 when unknown
 * @param message what is wrong, one line
 */
public record PolicyProblem(String path, int line, String message) {

    /** {@code FILE:LINE: PATH: message}, the one-line form printed for users. */
    public String format(String file) {
        return file + (line > 0 ? ":" + line : "") + ": " + path + ": " + message.replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + path + ": " + message;
    }
}
