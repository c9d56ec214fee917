package dev.provenant.verifier.trust;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.provenant.attest.bundle.CertificateChain;
import dev.provenant.attest.bundle.RawCertificate;
import dev.provenant.verifier.pkix.DerCertificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority (Fulcio) or timestamp authority of a trusted root: its chain, leaf or
 * intermediate first and the self-signed root last, and when it may be trusted.
 */
public record CertificateAuthority(AuthoritySubject subject, String uri, CertificateChain certChain, ValidityPeriod validFor) {

    public CertificateAuthority {
        if (certChain == null) {
            throw new IllegalArgumentException("authority " + uri + " has no certChain");
        }
        validFor = validFor == null ? ValidityPeriod.unset() : validFor;
    }

    /** The chain as X.509 certificates, in the order the trusted root lists them. */
    @JsonIgnore
    public List<X509Certificate> certificates() throws CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        for (RawCertificate raw : certChain.certificates()) {
            out.add(DerCertificate.parse(raw.der()));
        }
        return List.copyOf(out);
    }
}
