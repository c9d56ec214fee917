package dev.provenant.verifier.trust;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.CertificateChain;
import dev.provenant.attest.bundle.LogId;
import dev.provenant.attest.bundle.RawCertificate;
import dev.provenant.attest.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code trusted_root.json} into the trust records member by member (no data binding), leaving
 * absent members to each record's rules and ignoring unknown ones, as protobuf JSON readers do.
 */
final class TrustedRootJson {
    private TrustedRootJson() {}

    static TrustedRoot read(byte[] json) throws FormatException {
        JsonValue root = JsonValue.parse(json, "trusted root");
        if (!root.isObject()) {
            throw new FormatException("trusted root is malformed: not a JSON object");
        }
        try {
            return new TrustedRoot(root.text("mediaType"), logs(root, "tlogs"), authorities(root, "certificateAuthorities"),
                    logs(root, "ctlogs"), authorities(root, "timestampAuthorities"));
        } catch (IllegalArgumentException e) {
            throw new FormatException("trusted root is malformed: " + e.getMessage(), e);
        }
    }

    private static List<TransparencyLog> logs(JsonValue root, String name) throws FormatException {
        List<TransparencyLog> out = new ArrayList<>();
        for (JsonValue log : root.objects(name)) {
            JsonValue key = log.object("publicKey");
            JsonValue logId = log.object("logId");
            out.add(new TransparencyLog(log.text("baseUrl"), log.text("hashAlgorithm"),
                    key == null ? null : new TrustedPublicKey(key.text("rawBytes"), key.text("keyDetails"), validity(key)),
                    logId == null ? null : new LogId(logId.text("keyId"))));
        }
        return out;
    }

    private static List<CertificateAuthority> authorities(JsonValue root, String name) throws FormatException {
        List<CertificateAuthority> out = new ArrayList<>();
        for (JsonValue authority : root.objects(name)) {
            JsonValue subject = authority.object("subject");
            JsonValue chain = authority.object("certChain");
            out.add(new CertificateAuthority(
                    subject == null ? null : new AuthoritySubject(subject.text("organization"), subject.text("commonName")),
                    authority.text("uri"),
                    chain == null ? null : new CertificateChain(certificates(chain)),
                    validity(authority)));
        }
        return out;
    }

    private static List<RawCertificate> certificates(JsonValue chain) throws FormatException {
        if (!chain.hasNonNull("certificates")) {
            return null;
        }
        List<RawCertificate> out = new ArrayList<>();
        for (JsonValue certificate : chain.objects("certificates")) {
            out.add(new RawCertificate(certificate.text("rawBytes")));
        }
        return out;
    }

    private static ValidityPeriod validity(JsonValue owner) throws FormatException {
        JsonValue validFor = owner.object("validFor");
        return validFor == null ? null : ValidityPeriod.fromJson(validFor.text("start"), validFor.text("end"));
    }
}
