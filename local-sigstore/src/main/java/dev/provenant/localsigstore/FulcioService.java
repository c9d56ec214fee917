package dev.provenant.localsigstore;

import dev.sigstore.fulcio.v2.CAGrpc;
import dev.sigstore.fulcio.v2.CertificateChain;
import dev.sigstore.fulcio.v2.CreateSigningCertificateRequest;
import dev.sigstore.fulcio.v2.GetTrustBundleRequest;
import dev.sigstore.fulcio.v2.SigningCertificate;
import dev.sigstore.fulcio.v2.SigningCertificateEmbeddedSCT;
import dev.sigstore.fulcio.v2.TrustBundle;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;

/**
 * Fulcio's v2 gRPC API: CreateSigningCertificate checks the OIDC token with the test issuer and the proof
 * that the caller holds the private key (a signature over the token's subject), then issues a leaf with an
 * embedded SCT; GetTrustBundle returns the CA chain.
 */
final class FulcioService extends CAGrpc.CAImplBase {
    private static final Logger LOG = Logger.getLogger(FulcioService.class.getName());

    private final FulcioCa ca;
    private final OidcIssuer issuer;

    FulcioService(FulcioCa ca, OidcIssuer issuer) {
        this.ca = ca;
        this.issuer = issuer;
    }

    @Override
    public void createSigningCertificate(CreateSigningCertificateRequest request, StreamObserver<SigningCertificate> response) {
        try {
            response.onNext(issue(request));
            response.onCompleted();
        } catch (RequestException e) {
            response.onError(e.status.withDescription(e.getMessage()).asRuntimeException());
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "certificate issuance failed", e);
            response.onError(Status.INTERNAL.withDescription("certificate issuance failed: " + e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void getTrustBundle(GetTrustBundleRequest request, StreamObserver<TrustBundle> response) {
        try {
            response.onNext(TrustBundle.newBuilder().addChains(chain(ca.chain())).build());
            response.onCompleted();
        } catch (IOException e) {
            response.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    private SigningCertificate issue(CreateSigningCertificateRequest request)
            throws RequestException, GeneralSecurityException, IOException {
        String token = request.getCredentials().getOidcIdentityToken();
        if (token.isEmpty()) {
            throw new RequestException(Status.UNAUTHENTICATED, "the request carries no OIDC identity token");
        }
        Identity identity;
        try {
            identity = issuer.verify(token);
        } catch (OidcIssuer.InvalidTokenException e) {
            throw new RequestException(Status.UNAUTHENTICATED, e.getMessage());
        }
        if (!request.hasPublicKeyRequest()) {
            throw new RequestException(Status.INVALID_ARGUMENT,
                    "only public key requests are supported here, not certificate signing requests");
        }
        PublicKey key = publicKey(request.getPublicKeyRequest().getPublicKey().getContent());
        byte[] proof = request.getPublicKeyRequest().getProofOfPossession().toByteArray();
        String subject = OidcIssuer.subject(token);
        if (!signs(key, subject, proof) && !signs(key, identity.value(), proof)) {
            throw new RequestException(Status.INVALID_ARGUMENT,
                    "the proof of possession is not a signature over the token's subject by the requested key");
        }
        List<X509Certificate> issued = ca.issue(key, identity, issuer.issuer());
        return SigningCertificate.newBuilder()
                .setSignedCertificateEmbeddedSct(SigningCertificateEmbeddedSCT.newBuilder().setChain(chain(issued)))
                .build();
    }

    private static CertificateChain chain(List<X509Certificate> certificates) throws IOException {
        CertificateChain.Builder chain = CertificateChain.newBuilder();
        for (X509Certificate c : certificates) {
            chain.addCertificates(Pem.encode(c));
        }
        return chain.build();
    }

    private static PublicKey publicKey(String pem) throws RequestException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof SubjectPublicKeyInfo info) {
                return EntrySignatures.fromSpkiDer(info.getEncoded());
            }
        } catch (IOException | RuntimeException | BadRequestException e) {
            // reported below
        }
        throw new RequestException(Status.INVALID_ARGUMENT, "the public key is not a PEM SubjectPublicKeyInfo");
    }

    private static boolean signs(PublicKey key, String message, byte[] signature) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null || message.isEmpty()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static final class RequestException extends Exception {
        final transient Status status;

        RequestException(Status status, String message) {
            super(message);
            this.status = status;
        }
    }
}
