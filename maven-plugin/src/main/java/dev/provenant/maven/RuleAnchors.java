package dev.provenant.maven;

import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.frontend.Failure;
import dev.provenant.frontend.RootSelection;
import dev.provenant.frontend.SetupException;
import dev.provenant.frontend.TrustInputs;
import dev.provenant.supplychain.DependencyRule;
import dev.provenant.supplychain.DependencyRules;
import dev.provenant.supplychain.RuleAnchor;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.SignerTrust;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Reads the files a rules file names, before any dependency is checked: each {@code key=} through the CLI's own
 * {@code verify --key} path ({@link TrustInputs}, a PEM public key file) and each {@code trusted-root=} as the CLI's
 * {@code --trusted-root} ({@link RootSelection}). A missing, unreadable or malformed file is a usage error naming the
 * rule's line. Rules that share a root share its bundle verifier, made only when a bundle needs it.
 */
final class RuleAnchors {
    private RuleAnchors() {}

    /**
     * @param defaultRoot the goal's {@code <trustedRoot>}, or null for the public-good root
     */
    static Function<DependencyRule, RuleAnchor> load(DependencyRules rules, File defaultRoot, Map<String, String> env)
            throws MojoExecutionException {
        RootSelection base = TrustSettings.root(defaultRoot);
        Map<Path, RootSelection> roots = new HashMap<>();
        Map<RootSelection, Supplier<BundleVerifier>> verifiers = new HashMap<>();
        Map<String, RuleAnchor> anchors = new HashMap<>();
        for (DependencyRule rule : rules.rules()) {
            RootSelection root = base;
            if (rule.trustedRoot().isPresent()) {
                Path file = rule.trustedRoot().get();
                root = roots.get(file);
                if (root == null) {
                    root = root(rule, file, env);
                    roots.put(file, root);
                }
            }
            RootSelection chosen = root;
            Supplier<BundleVerifier> verifier = verifiers.computeIfAbsent(chosen,
                    r -> () -> new BundleVerifier(new ArtifactDigester(), r, Clock.systemUTC()));
            Optional<PublicKey> key = rule.key().isPresent() ? Optional.of(key(rule, rule.key().get())) : Optional.empty();
            anchors.put(rule.line(), new RuleAnchor(verifier, chosen.fingerprint(), key));
        }
        return rule -> {
            RuleAnchor anchor = anchors.get(rule.line());
            if (anchor == null) {
                throw new IllegalStateException("no anchors were read for " + rule.line());
            }
            return anchor;
        };
    }

    private static RootSelection root(DependencyRule rule, Path file, Map<String, String> env) throws MojoExecutionException {
        try {
            return RootSelection.of(file, env);
        } catch (SetupException e) {
            throw new MojoExecutionException(rule.line() + ": trusted-root=" + file + ": " + e.getMessage()
                    + " (name a Sigstore trusted_root.json)", e);
        } catch (IOException e) {
            throw new MojoExecutionException(rule.line() + ": trusted-root=" + file + " cannot be read: " + describe(e)
                    + " (a relative file is taken from the project's base directory)", e);
        }
    }

    private static PublicKey key(DependencyRule rule, Path file) throws MojoExecutionException {
        TrustInputs inputs = new TrustInputs(file, null, null, null, null, null);
        try {
            return ((SignerTrust.Key) inputs.signer(TrustSettings.HINTS)).key();
        } catch (SetupException e) {
            throw new MojoExecutionException(rule.line() + ": key=" + e.getMessage() + " (name the signer's PEM public key,"
                    + " as `provenant public-key` writes it)", e);
        } catch (IOException e) {
            throw new MojoExecutionException(rule.line() + ": key=" + file + " cannot be read: " + describe(e)
                    + " (a relative file is taken from the project's base directory)", e);
        }
    }

    private static String describe(IOException e) {
        return Failure.describe(e);
    }
}
