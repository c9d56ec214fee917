package dev.provenant.supplychain.lock;

import dev.provenant.supplychain.Coordinates;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One locked artifact.
 *
 * @param coordinates the artifact, POMs included ({@code GROUP:ARTIFACT:pom:VERSION})
 * @param sha256 the file's SHA-256, 64 lowercase hex digits
 * @param roles what the build uses it as: a dependency scope ({@code compile}, {@code test}, ...), {@code pom},
 *     {@code parent}, {@code bom}, {@code plugin}, {@code plugin-dependency}, {@code extension}, {@code reactor}
 * @param usedBy the modules ({@code GROUP:ARTIFACT}) whose build uses it
 * @param signer who signed it, when its bundle was verified as it was locked
 */
public record LockEntry(Coordinates coordinates, String sha256, SortedSet<String> roles, SortedSet<String> usedBy,
        Optional<LockedSigner> signer) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public LockEntry {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(signer, "signer");
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 is not 64 lowercase hex digits: " + sha256);
        }
        roles = unmodifiable(roles, "roles");
        usedBy = unmodifiable(usedBy, "usedBy");
    }

    /** The key entries are sorted and looked up by: {@link Coordinates#toString()}. */
    public String artifact() {
        return coordinates.toString();
    }

    private static SortedSet<String> unmodifiable(SortedSet<String> set, String what) {
        if (set == null || set.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (String s : set) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(what + " holds an empty name");
            }
        }
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(set));
    }
}
