package dev.provenant.attest.ci;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/** Asks each registered {@link CiDetector} in turn; the first that recognises its CI system wins. */
public final class CiDetection {
    private final Iterable<CiDetector> detectors;

    public CiDetection(Iterable<CiDetector> detectors) {
        this.detectors = detectors;
    }

    public static CiDetection discover() {
        return new CiDetection(ServiceLoader.load(CiDetector.class, CiDetection.class.getClassLoader()));
    }

    /**
     * The CI system's description of this build, or the local builder's. A CI system that does not say
     * which commit it built is completed from the git checkout in {@code workingDirectory}.
     */
    public BuildEnvironment detect(Environment env, Path workingDirectory) {
        for (CiDetector detector : detectors) {
            Optional<BuildEnvironment> found = detector.detect(env);
            if (found.isPresent()) {
                BuildEnvironment b = found.get();
                if (b.source().isPresent()) {
                    return b;
                }
                return new BuildEnvironment(b.system(), b.builderId(), b.buildType(), b.externalParameters(),
                        b.internalParameters(), b.invocationId(), b.startedOn(), GitCheckout.read(workingDirectory));
            }
        }
        return LocalBuilder.describe(env, workingDirectory);
    }
}
