package dev.provenant.oci;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS for registries with a private CA: trust exactly the certificates of a PEM file, as {@code curl --cacert} does. */
public final class RegistryTls {
    /** The largest CA file read. */
    public static final int MAX_CA_BYTES = 1 << 20;

    private RegistryTls() {}

    public static SSLContext trusting(Path caFile) throws IOException {
        byte[] pem;
        try (InputStream in = Files.newInputStream(caFile)) {
            pem = DockerConfig.readBounded(in, MAX_CA_BYTES + 1);
        }
        if (pem.length > MAX_CA_BYTES) {
            throw new IOException("registry CA file " + caFile + " is larger than 1 MiB");
        }
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
            if (certs.isEmpty()) {
                throw new IOException("registry CA file " + caFile + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("registry CA file " + caFile + " is not usable: " + e.getMessage(), e);
        }
    }
}
