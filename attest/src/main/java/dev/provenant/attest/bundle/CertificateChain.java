package dev.provenant.attest.bundle;

import java.util.List;

/** An X.509 chain, leaf first. */
public record CertificateChain(List<RawCertificate> certificates) {
    public CertificateChain {
        if (certificates == null || certificates.isEmpty()) {
            throw new IllegalArgumentException("x509CertificateChain has no certificates");
        }
        certificates = List.copyOf(certificates);
    }
}
