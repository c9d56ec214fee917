package dev.provenant.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.frontend.SetupException;
import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.signer.keyless.IdentityTokenException;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyless signing through the facade against the embedded Sigstore stack, and verifying what it signed by identity. */
class KeylessTest {
    static final String IDENTITY = "release-bot@example.test";

    @TempDir
    static Path dir;

    static LocalSigstore stack;
    static Path artifact;
    static Path bundle;
    static SignedBundle signed;

    @BeforeAll
    static void signKeyless() throws Exception {
        stack = LocalSigstore.start(dir.resolve("stack"), 0, 0, Identity.parse(IDENTITY));
        System.setProperty("javax.net.ssl.trustStore", stack.trustStore().toString());
        artifact = Files.writeString(dir.resolve("app.jar"), "built in CI\n");
        bundle = dir.resolve("app.jar.sigstore.json");
        // the token as the caller's code holds it, not from a file or the environment
        signed = Provenant.sign(artifact, instance().identityToken(stack.mintToken()).build());
        signed.writeTo(bundle);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    static SignOptions.KeylessBuilder instance() {
        return SignOptions.keyless().signingConfig(stack.signingConfig()).trustedRoot(stack.trustedRoot()).environment(Map.of());
    }

    static VerifyOptions.Builder identity(String identity) {
        return VerifyOptions.builder().certificateIdentity(identity).certificateOidcIssuer(stack.oidcIssuer())
                .trustedRoot(stack.trustedRoot()).environment(Map.of());
    }

    @Test
    void theSignedBundleNamesTheIdentityAndVerifiesByIt() throws Exception {
        assertThat(signed.signedBy()).contains(IDENTITY);
        assertThat(signed.warnings()).isEmpty();
        JsonNode json = JsonCodec.readTree(signed.toJson().getBytes(StandardCharsets.UTF_8), "result");
        assertThat(json.get("keyless").asBoolean()).isTrue();
        assertThat(json.get("identity").asText()).isEqualTo(IDENTITY);
        assertThat(signed.toJson()).doesNotContain(stack.mintToken().substring(0, 20));

        BundleVerification verified = Provenant.verify(artifact, bundle, identity(IDENTITY).build());
        assertThat(verified.signer()).isEqualTo(IDENTITY);
        assertThat(verified.issuer()).hasValue(stack.oidcIssuer());
        assertThat(verified.checks()).contains(Check.CERTIFICATE_CHAIN, Check.IDENTITY);
        assertThat(verified.trustedRoot()).hasValueSatisfying(r -> assertThat(r).contains(stack.trustedRoot().toString()));
    }

    @Test
    void anotherIdentityFailsTheIdentityCheck() {
        assertThatThrownBy(() -> Provenant.verify(artifact, bundle, identity("someone-else@example.test").build()))
                .isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(Check.IDENTITY));
    }

    @Test
    void theEmbeddedStacksBundleDoesNotVerifyAgainstThePublicGoodRoot() {
        VerifyOptions publicGood = identity(IDENTITY).publicGoodRoot().environment(Map.of("PROVENANT_CACHE_DIR",
                dir.resolve("empty-cache").toString())).build();
        assertThatThrownBy(() -> Provenant.verify(artifact, bundle, publicGood)).isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).check()).isIn(Check.CERTIFICATE_CHAIN, Check.TRUST_ROOT,
                        Check.TLOG_KEY, Check.SCT));
    }

    static GateDecision promoteSignedKeyless(String gateSubject) throws Exception {
        Path provenance = dir.resolve("app.provenance.sigstore.json");
        if (!Files.exists(provenance)) {
            Provenant.attest(Provenant.provenance(java.util.List.of(artifact), ProvenanceOptions.builder()
                    .environment(Fixtures.GITHUB_RELEASE_JOB).workingDirectory(dir).build()),
                    instance().identityToken(stack.mintToken()).build()).writeTo(provenance);
        }
        Path policy = Files.writeString(dir.resolve("policy-" + Math.abs(gateSubject.hashCode()) + ".yaml"), """
                apiVersion: provenant.dev/policy/v1
                name: keyless-gate
                stages:
                  - name: build
                    gate-identity: {subject: %s, issuer: '%s'}
                    evidence:
                      - name: provenance
                        predicate-type: https://slsa.dev/provenance/v1
                        signers:
                          - {name: ci, identity: {subject: %s, issuer: '%s'}}
                """.formatted(gateSubject, stack.oidcIssuer(), IDENTITY, stack.oidcIssuer()));
        GateDecision decision = Provenant.promote(GateOptions.policy(policy, "build").bundle(provenance).artifact(artifact)
                .trustedRoot(stack.trustedRoot()).environment(Map.of()).build());
        assertThat(decision.passed()).as(decision.rules().toString()).isTrue();
        return decision;
    }

    @Test
    void aKeylessGateSignsTheVsaAsItsGateIdentityAndNoOtherIdentityCan() throws Exception {
        SignedBundle vsa = Provenant.issueVsa(promoteSignedKeyless(IDENTITY), instance().identityToken(stack.mintToken()).build(),
                null);
        Path file = dir.resolve("app.jar.build.vsa.sigstore.json");
        vsa.writeTo(file);
        assertThat(Provenant.verifyAttestation(java.util.List.of(artifact), file, "https://slsa.dev/verification_summary/v1",
                identity(IDENTITY).build()).signer()).isEqualTo(IDENTITY);

        GateDecision otherGate = promoteSignedKeyless("gate@example.test");
        assertThatThrownBy(() -> Provenant.issueVsa(otherGate, instance().identityToken(stack.mintToken()).build(), null))
                .isInstanceOf(SetupException.class).hasMessageContaining("is not the gate-identity of stage build")
                .hasMessageContaining("no VSA was written");
    }

    @Test
    void aMalformedTokenIsRefusedAndAMissingOneSaysWhereItLooked() throws Exception {
        assertThatThrownBy(() -> Provenant.sign(artifact, instance().identityToken("not a JWT").build()))
                .isInstanceOf(SetupException.class);
        assertThatThrownBy(() -> Provenant.sign(artifact, instance().build()))
                .isInstanceOf(IdentityTokenException.class).hasMessageContaining("SIGSTORE_ID_TOKEN");
    }
}
