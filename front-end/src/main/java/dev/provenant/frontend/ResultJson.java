package dev.provenant.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.provenant.sandbox.SandboxEvidence;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.signer.keyless.IdentityToken;
import dev.provenant.verifier.VerificationResult;
import dev.provenant.verifier.provenance.Provenance;
import dev.provenant.verifier.provenance.VerifiedProvenance;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON fields of a verification's, a provenance verification's and a keyless signing's result, the
 * same for the CLI's {@code --json} and the library API's {@code toJson()}. Each adds its fields to a
 * node the caller made, so a front end can put its own fields (the CLI's {@code ok}) first.
 */
public final class ResultJson {
    private ResultJson() {}

    /**
     * For a file of JSON lines, which line's bundle held ({@code bundleLine}) and why each line tried before
     * it did not ({@code skippedLines}: line, check, reason); nothing for a single bundle.
     */
    public static ObjectNode bundleLines(ObjectNode node, BundleChoice<?> choice) {
        if (!choice.jsonLines()) {
            return node;
        }
        node.put("bundleLine", choice.line());
        var skipped = node.putArray("skippedLines");
        for (BundleChoice.Skipped s : choice.skipped()) {
            ObjectNode line = skipped.addObject();
            line.put("line", s.line());
            line.put("check", s.check().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            line.put("reason", s.reason());
        }
        return node;
    }

    /**
     * What a verification established.
     *
     * @param trustSource which trusted root was used, or null when the bundle needed none
     * @param withStatement whether to include the verified statement itself
     */
    public static ObjectNode verification(ObjectNode node, VerificationResult r, String trustSource, boolean withStatement) {
        node.put("verified", true);
        node.put("bundleVersion", r.bundleVersion().mediaType());
        node.put("content", r.content());
        node.put("algorithm", r.algorithm().sigstoreName());
        node.put("keySha256", r.keyFingerprint());
        r.identity().ifPresent(c -> {
            ObjectNode signer = node.putObject("certificate");
            c.identity().san().ifPresent(san -> signer.put("identity", san.value()));
            c.identity().issuer().ifPresent(i -> signer.put("issuer", i));
            signer.put("certificateAuthority", c.certificateAuthority());
            signer.put("verifiedScts", c.verifiedScts());
        });
        if (trustSource != null) {
            node.put("trustedRoot", trustSource);
        }
        ArrayNode artifacts = node.putArray("artifacts");
        r.artifacts().forEach(d -> artifacts.add(d.toString()));
        r.statement().ifPresent(s -> {
            node.put("predicateType", s.predicateType());
            if (withStatement) {
                node.set("statement", JsonCodec.mapper().valueToTree(s));
            }
        });
        ArrayNode tlog = node.putArray("tlogEntries");
        r.tlogEntries().forEach(e -> {
            ObjectNode entry = tlog.addObject();
            entry.put("logIndex", e.logIndex());
            entry.put("log", e.log());
            if (e.integratedTime() != null) {
                entry.put("integratedTime", e.integratedTime().toString());
            }
            entry.put("inclusionProof", e.inclusionProofChecked());
            entry.put("signedEntryTimestamp", e.signedEntryTimestampChecked());
        });
        ArrayNode timestamps = node.putArray("timestamps");
        r.timestamps().forEach(t -> {
            ObjectNode ts = timestamps.addObject();
            ts.put("time", t.time().toString());
            ts.put("authority", t.authority());
        });
        ArrayNode checks = node.putArray("checks");
        r.checks().forEach(c -> checks.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        return node;
    }

    /** Who signed a verified bundle: the certificate's identity, else the key's fingerprint. */
    public static String signer(VerificationResult r) {
        return r.identity().flatMap(c -> c.identity().san()).map(san -> san.value()).orElse("key sha256:" + r.keyFingerprint());
    }

    /** What a provenance verification established: the signer, the provenance's fields and each check that held. */
    public static ObjectNode provenance(ObjectNode node, VerificationResult r, VerifiedProvenance v, boolean withStatement) {
        Provenance p = v.provenance();
        node.put("verified", true);
        node.put("signer", signer(r));
        node.put("predicateType", p.predicateType());
        node.put("builderId", p.builderId());
        node.put("buildType", p.buildType());
        p.source().ifPresent(s -> node.put("source", s));
        p.ref().ifPresent(ref -> node.put("ref", ref));
        p.commit().ifPresent(c -> node.put("commit", c));
        node.put("signerConsistencyChecked", v.signerChecked());
        ArrayNode artifacts = node.putArray("artifacts");
        r.artifacts().forEach(d -> artifacts.add(d.toString()));
        ArrayNode checked = node.putArray("checked");
        v.checked().forEach(checked::add);
        sandbox(r).ifPresent(record -> node.set("sandbox", record));
        if (withStatement) {
            r.statement().ifPresent(s -> node.set("statement", JsonCodec.mapper().valueToTree(s)));
        }
        return node;
    }

    /**
     * The sandbox record of verified SLSA provenance ({@code internalParameters["provenant.dev/sandbox"]}, written by
     * {@code provenance --sandbox-link}), when it carries one: signed with the rest of the statement, shown as it is.
     */
    public static Optional<JsonNode> sandbox(VerificationResult r) {
        return r.statement().flatMap(s -> SandboxEvidence.fromProvenance(s.predicate())).map(JsonNode::deepCopy);
    }

    /** The keyless signer's identity, when there was one: issuer, subject and which source gave the token (never the token). */
    public static ObjectNode keylessIdentity(ObjectNode node, Optional<IdentityToken> identity) {
        identity.ifPresent(t -> {
            node.put("keyless", true);
            node.put("identity", t.subject());
            node.put("issuer", t.issuer());
            node.put("tokenSource", t.source());
        });
        return node;
    }
}
