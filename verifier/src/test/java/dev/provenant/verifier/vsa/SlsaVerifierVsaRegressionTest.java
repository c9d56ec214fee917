package dev.provenant.verifier.vsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.attest.crypto.PemPublicKeys;
import dev.provenant.attest.digest.ArtifactDigester;
import dev.provenant.attest.testing.SlsaVerifierVectors;
import dev.provenant.verifier.BundleVerifier;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * slsa-verifier's {@code Test_runVerifyVSA} (cli/slsa-verifier/main_regression_test.go at aaf98fd7), one
 * test per case, on its own vectors ({@code vsa/gce/v1}, a Google GCE image VSA signed with raw r||s
 * ECDSA). Skipped when the vectors are not given (-Dprovenant.slsaVerifier=DIR). slsa-verifier's two
 * failing cases give no digests, verifier or resource: it fails them on the signature before reading any
 * claim, so here they carry the passing case's claims, which leaves the signature as the only reason to fail.
 * An empty {@code publicKeyID} is slsa-verifier's "not given" (the key's default id).
 *
 * <p>The key id cases of its library test ({@code verifiers/internal/vsa/verifier_test.go},
 * {@code TestExtractSignedVSA}) follow, on the same envelope with its signature's {@code keyid} replaced
 * or removed: the key's default id {@code SHA256:Zphi7kubaI7RnOrkqPgkRdVhF5a2JOFB4gor/Zajiiw} is written
 * there by hand, an independent statement of what {@link DefaultKeyId} computes.
 */
class SlsaVerifierVsaRegressionTest {
    static final String VSA = "vsa/gce/v1/gke-gce-pre.bcid-vsa.jsonl";
    static final String KEY = "vsa/gce/v1/vsa_signing_public_key.pem";
    final VsaVerifier verifier = new VsaVerifier(new BundleVerifier(new ArtifactDigester(), () -> null, Clock.systemUTC()));

    static VsaExpectations gke() {
        return new VsaExpectations(List.of(SubjectDigest.parse("gce_image_id:8970095005306000053")),
                "https://bcid.corp.google.com/verifier/bcid_package_enforcer/v0.1",
                "gce_image://gke-node-images:gke-12615-gke1418000-cos-101-17162-463-29-c-cgpv1-pre",
                List.of("BCID_L1", "SLSA_BUILD_LEVEL_2"));
    }

    static byte[] vsa() throws Exception {
        return Files.readAllBytes(SlsaVerifierVectors.resolve(VSA));
    }

    static PublicKey key() throws Exception {
        Path pem = SlsaVerifierVectors.resolve(KEY);
        return PemPublicKeys.parse(Files.readString(pem));
    }

    @Test
    void successGke() throws Exception {
        VerifiedVsa vsa = verifier.verify(vsa(), VsaTrust.ofKey(key(), Optional.of("keystore://76574:prod:vsa_signing_public_key")), gke());
        assertThat(vsa.keyId()).contains("keystore://76574:prod:vsa_signing_public_key");
        assertThat(vsa.checks()).contains(Check.SIGNATURE, Check.SUBJECT_DIGEST, Check.VSA_LEVELS);
    }

    @Test
    void failGkeEmptyPublicKeyId() throws Exception {
        byte[] document = vsa();
        PublicKey key = key();
        assertThatThrownBy(() -> verifier.verify(document, VsaTrust.ofKey(key, Optional.of("")), gke()))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SIGNATURE));
    }

    @Test
    void failGkeWrongKeyId() throws Exception {
        byte[] document = vsa();
        PublicKey key = key();
        assertThatThrownBy(() -> verifier.verify(document, VsaTrust.ofKey(key, Optional.of("my_key_id")), gke()))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SIGNATURE));
    }

    static final String DEFAULT_ID = "SHA256:Zphi7kubaI7RnOrkqPgkRdVhF5a2JOFB4gor/Zajiiw";

    /** The vector's envelope with its one signature's keyid set to {@code keyid}, or removed for null. */
    static byte[] withKeyId(String keyid) throws Exception {
        ObjectNode envelope = (ObjectNode) JsonCodec.mapper().readTree(vsa());
        ObjectNode signature = (ObjectNode) envelope.get("signatures").get(0);
        if (keyid == null) {
            signature.remove("keyid");
        } else {
            signature.put("keyid", keyid);
        }
        return JsonCodec.write(envelope);
    }

    @Test
    void successSha256KeyIdInEnvelope() throws Exception {
        assertThat(DefaultKeyId.of(key())).contains(DEFAULT_ID);
        assertThat(verifier.verify(withKeyId(DEFAULT_ID), VsaTrust.ofKey(key(), Optional.of("")), gke()).keyId()).contains(DEFAULT_ID);
    }

    @Test
    void successNoKeyIds() throws Exception {
        assertThat(verifier.verify(withKeyId(null), VsaTrust.ofKey(key(), Optional.of("")), gke()).keyId()).isEmpty();
    }

    @Test
    void successKeyIdOnlyInOpts() throws Exception {
        assertThat(verifier.verify(withKeyId(""), VsaTrust.ofKey(key(), Optional.of(DEFAULT_ID)), gke()).checks()).contains(Check.VSA_LEVELS);
    }

    @Test
    void failureMismatchKeyId() throws Exception {
        byte[] document = vsa();
        PublicKey key = key();
        assertThatThrownBy(() -> verifier.verify(document, VsaTrust.ofKey(key, Optional.of("keystore://76574:prod:another_key_id")), gke()))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SIGNATURE));
    }

    @Test
    void failureMismatchSignature() throws Exception {
        ObjectNode envelope = (ObjectNode) JsonCodec.mapper().readTree(vsa());
        envelope.put("payload", java.util.Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8)));
        byte[] document = JsonCodec.write(envelope);
        PublicKey key = key();
        assertThatThrownBy(() -> verifier.verify(document, VsaTrust.ofKey(key, Optional.of("keystore://76574:prod:vsa_signing_public_key")),
                gke())).isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SIGNATURE));
    }
}
