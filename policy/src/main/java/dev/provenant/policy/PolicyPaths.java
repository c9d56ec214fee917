package dev.provenant.policy;

/** Paths of values in a policy, written as users read them: {@code $.stages[1].evidence[0].threshold}. */
final class PolicyPaths {
    private PolicyPaths() {}

    static String field(String parent, String name) {
        return name.matches("[A-Za-z0-9_-]+") ? parent + "." + name : parent + "['" + name.replace("'", "\\'") + "']";
    }

    /** The parent path, or null for the root. */
    static String parent(String path) {
        if (path.equals("$")) {
            return null;
        }
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "$" : path.substring(0, cut);
    }
}
