package dev.provenant.attest.ci;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What is recorded when no CI system is recognised: a builder id that says plainly it is a local
 * machine, so no policy mistakes it for a hosted builder, and the git checkout, if any.
 */
public final class LocalBuilder {
    public static final String BUILDER_ID = "https://provenant.dev/builders/local";
    public static final String BUILD_TYPE = "https://provenant.dev/buildtypes/local/v1";

    private LocalBuilder() {}

    public static BuildEnvironment describe(Environment env, Path workingDirectory) {
        Optional<SourceRevision> source = GitCheckout.read(workingDirectory);
        ObjectNode external = SourceParameters.of(source.map(SourceRevision::repository).orElse(""),
                source.map(SourceRevision::ref).orElse(""), "", "");
        ObjectNode internal = JsonNodeFactory.instance.objectNode();
        env.get("HOSTNAME").ifPresent(h -> internal.put("host", h));
        internal.put("user", System.getProperty("user.name"));
        internal.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return new BuildEnvironment("local machine (no CI system recognised)", BUILDER_ID, BUILD_TYPE, external, internal,
                Optional.empty(), Optional.empty(), source);
    }
}
