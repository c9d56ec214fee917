package dev.provenant.localsigstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Issues short-lived code-signing certificates the way Fulcio does: an empty subject, the identity as a
 * critical subject alternative name, the OIDC issuer in Fulcio's extensions, and an SCT embedded after
 * the precertificate went through the CT log.
 */
final class FulcioCa {
    static final Duration LEAF_LIFETIME = Duration.ofMinutes(10);
    /** The deprecated issuer extension: the issuer URL's bytes as they are. */
    static final ASN1ObjectIdentifier ISSUER_V1 = new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.1");
    /** The issuer extension: a DER UTF8String. */
    static final ASN1ObjectIdentifier ISSUER_V2 = new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.8");

    private final KeyPair caKeys;
    private final X509Certificate issuer;
    private final List<X509Certificate> chain;
    private final CtLog ctLog;
    private final Clock clock;

    /** @param chain the issuing CA's certificate first, up to the root */
    FulcioCa(KeyPair caKeys, List<X509Certificate> chain, CtLog ctLog, Clock clock) {
        this.caKeys = caKeys;
        this.issuer = chain.get(0);
        this.chain = List.copyOf(chain);
        this.ctLog = ctLog;
        this.clock = clock;
    }

    /** The CA chain, issuing CA first, root last. */
    List<X509Certificate> chain() {
        return chain;
    }

    /** The chain Fulcio returns: the leaf, then the CA chain up to the root. */
    List<X509Certificate> issue(PublicKey subjectKey, Identity identity, String oidcIssuer) throws GeneralSecurityException, IOException {
        Instant now = clock.instant();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        GeneralName san = identity.email()
                ? new GeneralName(GeneralName.rfc822Name, identity.value())
                : new GeneralName(GeneralName.uniformResourceIdentifier, identity.value());
        X509v3CertificateBuilder precert = new JcaX509v3CertificateBuilder(issuer, Authorities.serial(), Date.from(now),
                Date.from(now.plus(LEAF_LIFETIME)), new X500Name(new org.bouncycastle.asn1.x500.RDN[0]), subjectKey)
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer))
                .addExtension(Extension.subjectAlternativeName, true, new GeneralNames(san))
                .addExtension(ISSUER_V1, false, oidcIssuer.getBytes(StandardCharsets.UTF_8))
                .addExtension(ISSUER_V2, false, new DERUTF8String(oidcIssuer))
                .addExtension(CtLog.POISON, true, DERNull.INSTANCE);
        X509CertificateHolder precertificate = Authorities.holder(precert, caKeys.getPrivate());
        byte[] sct = ctLog.submitPrecertificate(precertificate);
        X509v3CertificateBuilder finalCert = new X509v3CertificateBuilder(precertificate)
                .removeExtension(CtLog.POISON)
                .addExtension(CtLog.SCT_LIST, false, new DEROctetString(CtLog.list(sct)));
        List<X509Certificate> issued = new java.util.ArrayList<>();
        issued.add(Authorities.sign(finalCert, caKeys.getPrivate()));
        issued.addAll(chain);
        return issued;
    }
}
