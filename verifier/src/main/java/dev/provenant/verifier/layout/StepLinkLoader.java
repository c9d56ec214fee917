package dev.provenant.verifier.layout;

import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonValue;
import dev.provenant.attest.link.Link;
import dev.provenant.attest.link.Metablock;
import dev.provenant.verifier.Check;
import dev.provenant.verifier.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    StepLinkLoader(Layout layout, Path linkDir, Consumer<String> warnings, SublayoutVerifier sublayouts) {
        this.layout = layout;
        this.linkDir = linkDir;
        this.warnings = warnings;
        this.sublayouts = sublayouts;
    }

    public static String fileName(String step, String keyid) {
        return step + "." + keyid.substring(0, Math.min(8, keyid.length())) + ".link";
    }

    /** The step's validly signed links, in the order of its pubkeys, at least {@code threshold} of them from distinct keys. */
    public List<StepLink> load(Step step) throws VerificationException {
        List<StepLink> verified = new ArrayList<>();
        int found = 0;
        for (String keyid : step.pubkeys()) {
            Path file = linkDir.resolve(fileName(step.name(), keyid));
            if (!Files.isRegularFile(file)) {
                continue;
            }
            found++;
            Metablock block = read(step, file);
            if (block == null) {
                continue;
            }
            if (!new SignatureByKey(keyid, layout.keys().get(keyid)).verifies(block)) {
                warnings.accept("step '" + step.name() + "': skipping " + file.getFileName() + ", which has no good signature by key " + keyid);
                continue;
            }
            if (Layout.TYPE.equals(block.type())) {
                // a failing sublayout fails the whole verification, as in in-toto-verify, rather than being skipped
                verified.add(new StepLink(keyid, sublayouts.verify(step, keyid, block)));
                continue;
            }
            try {
                verified.add(new StepLink(keyid, Link.fromJson(block.signed())));
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

    private Metablock read(Step step, Path file) throws VerificationException {
        try {
            return Metablock.parse(JsonValue.readDocument(file, InputLimit.INTOTO_METADATA));
        } catch (FormatException e) {
            warnings.accept("step '" + step.name() + "': skipping " + file.getFileName() + ": " + e.getMessage());
            return null;
        } catch (IOException e) {
            throw new VerificationException(Check.LINK, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
