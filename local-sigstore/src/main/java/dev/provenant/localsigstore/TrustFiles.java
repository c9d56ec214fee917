package dev.provenant.localsigstore;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.provenant.attest.io.AtomicFile;
import dev.sigstore.proto.common.v1.DistinguishedName;
import dev.sigstore.proto.common.v1.HashAlgorithm;
import dev.sigstore.proto.common.v1.LogId;
import dev.sigstore.proto.common.v1.PublicKey;
import dev.sigstore.proto.common.v1.PublicKeyDetails;
import dev.sigstore.proto.common.v1.TimeRange;
import dev.sigstore.proto.common.v1.X509Certificate;
import dev.sigstore.proto.common.v1.X509CertificateChain;
import dev.sigstore.proto.trustroot.v1.CertificateAuthority;
import dev.sigstore.proto.trustroot.v1.Service;
import dev.sigstore.proto.trustroot.v1.ServiceConfiguration;
import dev.sigstore.proto.trustroot.v1.ServiceSelector;
import dev.sigstore.proto.trustroot.v1.SigningConfig;
import dev.sigstore.proto.trustroot.v1.TransparencyLogInstance;
import dev.sigstore.proto.trustroot.v1.TrustedRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.List;

/** The trusted root and signing config that describe a running stack, in the Sigstore protobuf JSON forms. */
final class TrustFiles {
    static final String TRUSTED_ROOT = "trusted_root.json";
    static final String SIGNING_CONFIG = "signing_config.json";
    static final String TRUSTED_ROOT_MEDIA_TYPE = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";
    static final String SIGNING_CONFIG_MEDIA_TYPE = "application/vnd.dev.sigstore.signingconfig.v0.2+json";

    private TrustFiles() {}

    static void write(Path directory, StackKeys keys, Urls urls, RekorApis apis) throws IOException {
        AtomicFile.write(directory.resolve(TRUSTED_ROOT), json(trustedRoot(keys, urls)), AtomicFile.PUBLIC, true);
        AtomicFile.write(directory.resolve(SIGNING_CONFIG), json(signingConfig(keys, urls, apis)), AtomicFile.PUBLIC, true);
    }

    static TrustedRoot trustedRoot(StackKeys keys, Urls urls) throws IOException {
        TimeRange valid = TimeRange.newBuilder().setStart(timestamp(keys.created())).build();
        return TrustedRoot.newBuilder()
                .setMediaType(TRUSTED_ROOT_MEDIA_TYPE)
                .addTlogs(log(urls.rekor(), keys.rekorV1(), valid))
                .addTlogs(log(urls.rekor(), keys.rekorV2(), valid))
                .addCertificateAuthorities(authority("local Fulcio CA", urls.fulcio(), keys.fulcioChain(), valid))
                .addCtlogs(log(urls.ctLog(), keys.ctLog(), valid))
                .addTimestampAuthorities(authority("local timestamp authority", urls.tsa(),
                        List.of(keys.tsaCertificate(), keys.tsaRootCertificate()), valid))
                .build();
    }

    static SigningConfig signingConfig(StackKeys keys, Urls urls, RekorApis apis) {
        TimeRange valid = TimeRange.newBuilder().setStart(timestamp(keys.created())).build();
        SigningConfig.Builder config = SigningConfig.newBuilder()
                .setMediaType(SIGNING_CONFIG_MEDIA_TYPE)
                .addCaUrls(service(urls.fulcio(), 1, valid))
                .addOidcUrls(service(urls.oidcIssuer(), 1, valid));
        if (apis.v1()) {
            config.addRekorTlogUrls(service(urls.rekor(), 1, valid));
        }
        if (apis.v2()) {
            config.addRekorTlogUrls(service(urls.rekor(), 2, valid));
        }
        return config
                .addTsaUrls(service(urls.tsa(), 1, valid))
                .setRekorTlogConfig(ServiceConfiguration.newBuilder().setSelector(ServiceSelector.ANY))
                .setTsaConfig(ServiceConfiguration.newBuilder().setSelector(ServiceSelector.ANY))
                .build();
    }

    private static TransparencyLogInstance log(String baseUrl, KeyPair key, TimeRange valid) {
        return TransparencyLogInstance.newBuilder()
                .setBaseUrl(baseUrl)
                .setHashAlgorithm(HashAlgorithm.SHA2_256)
                .setPublicKey(PublicKey.newBuilder()
                        .setRawBytes(ByteString.copyFrom(key.getPublic().getEncoded()))
                        .setKeyDetails(PublicKeyDetails.PKIX_ECDSA_P256_SHA_256)
                        .setValidFor(valid))
                .setLogId(LogId.newBuilder().setKeyId(ByteString.copyFrom(CtLog.sha256(key.getPublic().getEncoded()))))
                .build();
    }

    private static CertificateAuthority authority(String commonName, String uri, List<java.security.cert.X509Certificate> chain,
            TimeRange valid) throws IOException {
        X509CertificateChain.Builder certificates = X509CertificateChain.newBuilder();
        for (java.security.cert.X509Certificate c : chain) {
            try {
                certificates.addCertificates(X509Certificate.newBuilder().setRawBytes(ByteString.copyFrom(c.getEncoded())));
            } catch (CertificateEncodingException e) {
                throw new IOException("cannot encode the certificate of " + commonName, e);
            }
        }
        return CertificateAuthority.newBuilder()
                .setSubject(DistinguishedName.newBuilder().setOrganization(StackKeys.ORGANIZATION).setCommonName(commonName))
                .setUri(uri)
                .setCertChain(certificates)
                .setValidFor(valid)
                .build();
    }

    private static Service service(String url, int version, TimeRange valid) {
        return Service.newBuilder().setUrl(url).setMajorApiVersion(version).setValidFor(valid).build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static byte[] json(com.google.protobuf.MessageOrBuilder message) throws IOException {
        try {
            return (JsonFormat.printer().print(message) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("cannot print " + message.getClass().getSimpleName(), e);
        }
    }
}
