package dev.provenant.intoto.record;

import dev.provenant.intoto.link.Link;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What recording a step wrote: the signed classic link and, when the step has products to be its
 * subjects, the same evidence as a link-predicate statement in a DSSE Sigstore bundle.
 */
public record RecordedStep(Link link, String keyid, Path linkFile, Optional<Path> bundleFile) {}
