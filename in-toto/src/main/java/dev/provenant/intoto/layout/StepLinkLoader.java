package dev.provenant.intoto.layout;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds a step's links as in-toto-verify does, by file name only: {@code STEP.KEYID8.link} for each key
 * the step authorizes, so a link signed by anybody else is never even read. A link counts when its
 * signature by that key verifies; unreadable, unsigned or badly signed links are passed over with a
 * warning, and the step then fails only if too few remain for its threshold. A validly signed file
 * that is a layout is a sublayout, handed to a {@link SublayoutVerifier} for the link that stands for it.
 */
public final class StepLinkLoader {
    private final Layout layout;
    private final Path linkDir;
    private final Consumer<String> warnings;
    private final SublayoutVerifier sublayouts;
    private final VerificationBudget budget;

    StepLinkLoader(Layout layout, Path linkDir, Consumer<String> warnings, SublayoutVerifier sublayouts, VerificationBudget budget) {
        this.layout = layout;
        this.linkDir = linkDir;
        this.warnings = warnings;
        this.sublayouts = sublayouts;
        this.budget = budget;
    }

    public static String fileName(String step, String keyid) {
        return step + "." + keyid.substring(0, Math.min(8, keyid.length())) + ".link";
    }

    /**
     * The step's validly signed links, in the order of its pubkeys, at least {@code threshold} of them
     * from distinct functionaries: a key counts once however many of the step's keyids stand for it.
     */
    public List<StepLink> load(Step step) throws VerificationException {
        List<StepLink> verified = new ArrayList<>();
        Set<String> functionaries = new HashSet<>();
        int found = 0;
        for (String keyid : new LinkedHashSet<>(step.pubkeys())) {
            Path file = linkDir.resolve(fileName(step.name(), keyid));
            budget.lookup(" at step '" + step.name() + "'");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            found++;
            Metablock block = read(step, file);
            if (block == null) {
                continue;
            }
            SslibPublicKey key = layout.keys().get(keyid);
            if (!new SignatureByKey(keyid, key).verifies(block)) {
                warnings.accept("step '" + step.name() + "': skipping " + file.getFileName() + ", which has no good signature by key " + keyid);
                continue;
            }
            if (!functionaries.add(functionary(key))) {
                warnings.accept("step '" + step.name() + "': " + file.getFileName() + " is signed by a key already counted under another"
                        + " keyid; it counts once");
                continue;
            }
            if (Layout.TYPE.equals(block.type())) {
                // a failing sublayout fails the whole verification, as in in-toto-verify, rather than being skipped
                verified.add(new StepLink(keyid, sublayouts.verify(step, keyid, block)));
                continue;
            }
            try {
                Link link = Link.fromJson(block.signed());
                if (!link.name().equals(step.name())) {
                    warnings.accept("step '" + step.name() + "': skipping " + file.getFileName() + ", a link for step '" + link.name() + "'");
                    continue;
                }
                verified.add(new StepLink(keyid, link));
            } catch (FormatException e) {
                warnings.accept("step '" + step.name() + "': skipping " + file.getFileName() + ": " + e.getMessage());
            }
        }
        if (found < step.threshold()) {
            throw new VerificationException(Check.STEP_THRESHOLD, "step '" + step.name() + "' requires " + step.threshold()
                    + " link file(s) named " + step.name() + ".KEYID.link by its functionaries, found " + found);
        }
        if (verified.size() < step.threshold()) {
            throw new VerificationException(Check.STEP_THRESHOLD, "step '" + step.name() + "' requires " + step.threshold()
                    + " link(s) validly signed by different authorized functionaries, found " + verified.size());
        }
        return verified;
    }

    /** The key itself, whatever keyid, scheme or PEM spelling names it: its DER SubjectPublicKeyInfo. */
    private static String functionary(SslibPublicKey key) {
        try {
            return Base64.getEncoder().encodeToString(key.toPublicKey().getEncoded());
        } catch (FormatException e) {
            // unreachable once a signature verified with the key; the keyid then names it
            return key.keyid();
        }
    }

    private Metablock read(Step step, Path file) throws VerificationException {
        try {
            budget.read(Files.size(file), " at step '" + step.name() + "'");
            return Metablock.parse(JsonValue.readDocument(file, InputLimit.INTOTO_METADATA));
        } catch (FormatException e) {
            warnings.accept("step '" + step.name() + "': skipping " + file.getFileName() + ": " + e.getMessage());
            return null;
        } catch (IOException e) {
            throw new VerificationException(Check.LINK, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
