package dev.provenant.attest.ci;

import java.util.Optional;

/**
 * Recognises one CI system from its documented environment variables. Implementations are listed in
 * {@code META-INF/services/dev.provenant.attest.ci.CiDetector}; adding a system adds a class and a line
 * there and touches no other detector.
 */
public interface CiDetector {
    /** The build environment, or empty when this process is not running in this CI system. */
    Optional<BuildEnvironment> detect(Environment env);
}
