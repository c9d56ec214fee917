package dev.provenant.verifier.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * Who a Fulcio certificate was issued to: its subject alternative names and the Fulcio extensions
 * (OIDC issuer, CI workflow claims). Reading it checks nothing about trust; that is the chain's job.
 *
 * @param subjectAlternativeNames every name of the SAN extension, in order; Fulcio writes exactly one
 * @param extensions the value of each Fulcio extension the certificate has
 */
public record CertificateIdentity(List<SubjectAlternativeName> subjectAlternativeNames, Map<FulcioExtension, String> extensions) {

    static final String USERNAME_OTHER_NAME = FulcioExtension.FULCIO_ARC + ".7";

    public CertificateIdentity {
        subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
        extensions = extensions.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(extensions));
    }

    /**
     * Reads the identity of {@code certificate}.
     *
     * @throws IllegalArgumentException when the SAN extension or a Fulcio extension is malformed: a value
     *     that cannot be read must not silently read as absent (an issuer would fall back to the deprecated one)
     */
    public static CertificateIdentity of(X509Certificate certificate) {
        Map<FulcioExtension, String> values = new EnumMap<>(FulcioExtension.class);
        for (FulcioExtension extension : FulcioExtension.values()) {
            byte[] der = certificate.getExtensionValue(extension.oid());
            if (der != null) {
                values.put(extension, read(extension, extensionValue(der, extension.oid())));
            }
        }
        return new CertificateIdentity(subjectAlternativeNames(certificate), values);
    }

    /** The one subject alternative name, or empty when the certificate has none or several. */
    public Optional<SubjectAlternativeName> san() {
        return subjectAlternativeNames.size() == 1 ? Optional.of(subjectAlternativeNames.get(0)) : Optional.empty();
    }

    /** The OIDC issuer: extension {@code .1.8}, or the deprecated {@code .1.1} in certificates without it. */
    public Optional<String> issuer() {
        return extension(FulcioExtension.ISSUER).or(() -> extension(FulcioExtension.ISSUER_V1));
    }

    public Optional<String> extension(FulcioExtension extension) {
        return Optional.ofNullable(extensions.get(extension));
    }

    public Optional<String> githubClaim(GithubClaim claim) {
        return claim.valueIn(this);
    }

    private static List<SubjectAlternativeName> subjectAlternativeNames(X509Certificate certificate) {
        byte[] der = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (der == null) {
            return List.of();
        }
        GeneralNames names;
        try {
            names = GeneralNames.getInstance(ASN1Primitive.fromByteArray(extensionValue(der, "subjectAltName")));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the certificate's subject alternative name extension is malformed");
        }
        List<SubjectAlternativeName> out = new ArrayList<>();
        for (GeneralName name : names.getNames()) {
            out.add(toSan(name));
        }
        return out;
    }

    private static SubjectAlternativeName toSan(GeneralName name) {
        switch (name.getTagNo()) {
            case GeneralName.rfc822Name:
                return new SubjectAlternativeName(SubjectAlternativeName.Kind.EMAIL, ((ASN1String) name.getName()).getString());
            case GeneralName.uniformResourceIdentifier:
                return new SubjectAlternativeName(SubjectAlternativeName.Kind.URI, ((ASN1String) name.getName()).getString());
            case GeneralName.otherName:
                OtherName other = OtherName.getInstance(name.getName());
                if (other.getTypeID().equals(new ASN1ObjectIdentifier(USERNAME_OTHER_NAME))) {
                    return new SubjectAlternativeName(SubjectAlternativeName.Kind.USERNAME, utf8String(other.getValue(),
                            "the username otherName " + USERNAME_OTHER_NAME));
                }
                return new SubjectAlternativeName(SubjectAlternativeName.Kind.OTHER, "otherName " + other.getTypeID().getId());
            default:
                return new SubjectAlternativeName(SubjectAlternativeName.Kind.OTHER, name.toString());
        }
    }

    /** The extnValue octets: the JDK returns them still wrapped in their DER OCTET STRING. */
    private static byte[] extensionValue(byte[] wrapped, String name) {
        try {
            return ASN1OctetString.getInstance(wrapped).getOctets();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("certificate extension " + name + " is malformed");
        }
    }

    private static String read(FulcioExtension extension, byte[] value) {
        String what = "certificate extension " + extension.oid() + " (" + extension.label() + ")";
        if (extension.encoding() == FulcioExtension.Encoding.RAW) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value)).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(what + " is not UTF-8");
            }
        }
        ASN1Primitive parsed;
        try {
            // fromByteArray refuses trailing bytes after the string.
            parsed = ASN1Primitive.fromByteArray(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not a DER UTF8String");
        }
        return utf8String(parsed, what);
    }

    private static String utf8String(ASN1Encodable value, String what) {
        ASN1Encodable inner = value;
        // otherName values are [0] EXPLICIT; Bouncy Castle may hand the tagged object over as it is.
        if (inner instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 0) {
            // an implicitly tagged [0] holds no object of its own: getExplicitBaseObject would throw
            inner = tagged.isExplicit() ? tagged.getExplicitBaseObject() : null;
        }
        // null: Bouncy Castle's reading of zero bytes
        if (inner == null || !(inner.toASN1Primitive() instanceof ASN1UTF8String utf8)) {
            throw new IllegalArgumentException(what + " is not a DER UTF8String");
        }
        return utf8.getString();
    }
}
