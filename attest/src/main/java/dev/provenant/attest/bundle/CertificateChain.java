package dev.provenant.attest.bundle;

import java.util.List;

/** An X.509 chain, leaf first. */
public record CertificateChain(List<RawCertificate> certificates) {
    public CertificateChain {
        if (certificates == null || certificates.isEmpty()) {
            throw new IllegalArgumentException("x509CertificateChain has no certificates");
        }
        certificates = List.copyOf(certificates);
        if (certificates.size() > Bundle.MAX_CHAIN_CERTIFICATES) {
            throw new IllegalArgumentException("x509CertificateChain has " + certificates.size()
                    + " certificates; at most " + Bundle.MAX_CHAIN_CERTIFICATES + " are read");
        }
    }
}
