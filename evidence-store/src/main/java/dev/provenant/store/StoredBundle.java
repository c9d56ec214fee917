package dev.provenant.store;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.bundle.RawCertificate;
import dev.provenant.attest.bundle.VerificationMaterial;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import dev.provenant.attest.intoto.ResourceDescriptor;
import dev.provenant.attest.intoto.Statement;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the store indexes a bundle by. Nothing here is verified: the store finds evidence, the verifier
 * and the promotion gate decide whether it holds.
 *
 * @param digest SHA-256 of the bundle's bytes, its key in the store
 * @param subjects every subject digest, as {@code ALGORITHM:HEX} (a message signature's one digest, or
 *     every digest of every subject of an in-toto statement)
 * @param predicateType the statement's predicate type; empty for a message signature
 * @param signer who the bundle says signed it: the certificate's first URI or e-mail subject alternative
 *     name, {@code cert:SHA256} of a certificate without one, or {@code key:HINT} for a public key hint
 */
public record StoredBundle(Digest digest, List<String> subjects, Optional<String> predicateType, String signer) {
    /** A bundle's bytes as the store keeps them, at most this many. */
    public static final int MAX_BYTES = 8 << 20;

    public StoredBundle {
        subjects = List.copyOf(subjects);
    }

    /** The facts of a serialised bundle. */
    public static StoredBundle of(byte[] json) throws FormatException {
        if (json.length > MAX_BYTES) {
            throw new FormatException("a bundle in the store has at most " + MAX_BYTES + " bytes, not " + json.length);
        }
        Bundle bundle = Bundle.parse(json);
        Digest digest = new Digest(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(json));
        List<String> subjects = new ArrayList<>();
        Optional<String> predicateType = Optional.empty();
        if (bundle.messageSignature() != null) {
            subjects.add(bundle.messageSignature().messageDigest().toDigest().toString());
        } else {
            Statement statement = Statement.parse(bundle.dsseEnvelope().payloadBytes());
            predicateType = Optional.ofNullable(statement.predicateType());
            for (ResourceDescriptor subject : statement.subject()) {
                for (Map.Entry<String, String> d : subject.digest().entrySet()) {
                    String name = subjectName(d.getKey(), d.getValue());
                    if (!subjects.contains(name)) {
                        subjects.add(name);
                    }
                }
            }
        }
        return new StoredBundle(digest, subjects, predicateType, signer(bundle.verificationMaterial()));
    }

    /** {@code ALGORITHM:HEX} in lower case, as subjects are indexed and looked up. */
    public static String subjectName(String algorithm, String hex) {
        return algorithm.toLowerCase(java.util.Locale.ROOT) + ":" + hex.toLowerCase(java.util.Locale.ROOT);
    }

    private static String signer(VerificationMaterial material) throws FormatException {
        RawCertificate leaf = material.certificate();
        if (leaf == null && material.x509CertificateChain() != null && !material.x509CertificateChain().certificates().isEmpty()) {
            leaf = material.x509CertificateChain().certificates().get(0);
        }
        if (leaf == null) {
            String hint = material.publicKey() == null ? null : material.publicKey().hint();
            return "key:" + (hint == null ? "" : hint);
        }
        byte[] der = leaf.der();
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    Object type = name.get(0);
                    // 1: rfc822Name, 6: uniformResourceIdentifier
                    if ((Integer.valueOf(6).equals(type) || Integer.valueOf(1).equals(type)) && name.get(1) instanceof String s) {
                        return s;
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no readable subject alternative names: named by fingerprint below
        } catch (CertificateException | ClassCastException e) {
            throw new FormatException("the bundle's signing certificate is not X.509: " + e.getMessage());
        }
        return "cert:" + HexFormat.of().formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(der));
    }
}
