package dev.provenant.intoto.link;

import java.util.ArrayList;
import java.util.List;

/**
 * Artifact names as in-toto records them. The reference implementation keys materials and products
 * by Python's {@code os.path.normpath} of the path it was given, which is lexical (it never touches the
 * file system) and differs from {@link java.nio.file.Path#normalize()} in corner cases: an empty path is
 * {@code .}, and exactly two leading slashes are kept. Matching it exactly keeps keys equal on both sides.
 */
public final class PosixPaths {
    private PosixPaths() {}

    public static String normpath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int initialSlashes = path.startsWith("/") ? (path.startsWith("//") && !path.startsWith("///") ? 2 : 1) : 0;
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            boolean keep = !part.equals("..") || (initialSlashes == 0 && parts.isEmpty())
                    || (!parts.isEmpty() && parts.get(parts.size() - 1).equals(".."));
            if (keep) {
                parts.add(part);
            } else if (!parts.isEmpty()) {
                parts.remove(parts.size() - 1);
            }
        }
        String joined = "/".repeat(initialSlashes) + String.join("/", parts);
        return joined.isEmpty() ? "." : joined;
    }

    /** {@code os.path.join(parent, child)} then normpath, for a child name without slashes. */
    static String child(String parent, String name) {
        return normpath(parent.endsWith("/") ? parent + name : parent + "/" + name);
    }
}
