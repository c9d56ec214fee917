package dev.provenant.localsigstore;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 timestamp authority: {@code POST application/timestamp-query} in, a granted (or, for a
 * malformed or unacceptable query, rejected) {@code application/timestamp-reply} out, signed by the
 * stack's timestamping certificate, which it embeds when the query asks for it.
 */
final class TimestampAuthority {
    static final String PATH = "/api/v1/timestamp";
    /** Private arc for the local authority's timestamping policy; verifiers do not pin it. */
    private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair key;
    private final X509Certificate certificate;
    private final List<X509Certificate> chain;
    private final Clock clock;

    TimestampAuthority(KeyPair key, X509Certificate certificate, X509Certificate root, Clock clock) {
        this.key = key;
        this.certificate = certificate;
        this.chain = List.of(certificate, root);
        this.clock = clock;
    }

    List<X509Certificate> chain() {
        return chain;
    }

    ApiResponse respond(byte[] query) throws GeneralSecurityException, IOException {
        TimeStampRequest request;
        try {
            request = new TimeStampRequest(query);
        } catch (IOException | IllegalArgumentException e) {
            return ApiResponse.error(400, "the body is not a DER TimeStampReq");
        }
        try {
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", key.getPrivate(), certificate),
                    new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    POLICY);
            tokens.addCertificates(new JcaCertStore(List.of(certificate)));
            TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
            byte[] reply = responses.generate(request, new BigInteger(64, RANDOM), Date.from(clock.instant())).getEncoded();
            return new ApiResponse(200, "application/timestamp-reply", null, reply);
        } catch (OperatorCreationException | TSPException e) {
            throw new GeneralSecurityException("cannot sign a timestamp: " + e.getMessage(), e);
        }
    }
}
