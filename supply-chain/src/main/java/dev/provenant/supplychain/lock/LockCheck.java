package dev.provenant.supplychain.lock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what one module's build uses with the lock: each used artifact must be locked for this module with the
 * same SHA-256 and, when the lock recorded a signer, be verified as signed by that signer now; each locked entry of
 * the module that it no longer uses is reported as stale. Findings come sorted by artifact.
 */
public final class LockCheck {
    public static final String NEW_REMEDY = "review it and run `mvn provenant:lock`";

    private LockCheck() {}

    /**
     * @param module the module ({@code GROUP:ARTIFACT}) whose build this is
     * @param used what it uses now
     * @param signed the artifacts whose bundle was verified in this build, with their signer; an artifact whose lock entry
     *     names a signer must be among them, signed by that signer
     * @param checkedSigners the artifacts whose signatures this build checked: a locked signer is compared only for these
     *     (a POM the rules do not cover is pinned by digest alone)
     */
    public static List<LockFinding> compare(LockFile lock, String module, Collection<UsedArtifact> used, Set<String> checkedSigners) {
        TreeMap<String, LockFinding> findings = new TreeMap<>();
        Set<String> seen = new TreeSet<>();
        for (UsedArtifact u : used) {
            String a = u.artifact();
            seen.add(a);
            Optional<LockEntry> locked = lock.entry(a);
            if (locked.isEmpty() || !locked.get().usedBy().contains(module)) {
                findings.put(a, new LockFinding(LockFinding.Kind.NEW, a, "sha256:" + u.sha256() + " as " + String.join(",", u.roles())
                        + ", not in the lock for " + module + ": " + NEW_REMEDY));
                continue;
            }
            LockEntry e = locked.get();
            if (!e.sha256().equals(u.sha256())) {
                findings.put(a, new LockFinding(LockFinding.Kind.DIGEST_MISMATCH, a, "the file has sha256:" + u.sha256()
                        + ", the lock has sha256:" + e.sha256()));
                continue;
            }
            if (e.signer().isPresent() && checkedSigners.contains(a) && !e.signer().equals(u.signer())) {
                findings.put(a, new LockFinding(LockFinding.Kind.SIGNER_CHANGED, a, u.signer().map(s -> "signed by " + s.describe())
                        .orElse("no verified signature") + ", the lock has " + e.signer().get().describe()));
            }
        }
        for (LockEntry e : lock.usedBy(module)) {
            if (!seen.contains(e.artifact())) {
                findings.put(e.artifact(), new LockFinding(LockFinding.Kind.STALE, e.artifact(), "locked for " + module
                        + " but not used by this build; run `mvn provenant:lock` to drop it"));
            }
        }
        return new ArrayList<>(findings.values());
    }
}
