package dev.provenant.intoto.keys;

import dev.provenant.attest.io.InputTooLargeException;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.json.JsonCodec;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.attest.sslib.SslibScheme;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SecretSource;
import dev.provenant.signer.file.PemPrivateKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Reads and writes the key files in-toto's tools use, next to Provenant's PEM files:
 * <ul>
 *   <li>securesystemslib JSON keys, as {@code in-toto-keygen -t ed25519|ecdsa} writes them: a private
 *       file holding keytype, scheme, keyid and keyval (public and private), and a {@code .pub} file
 *       without the private part;
 *   <li>PEM keys: RSA as {@code in-toto-keygen} writes it (PKCS#1 private, SubjectPublicKeyInfo public),
 *       and any PEM private key Provenant reads, encrypted ones with the usual passphrase source.
 * </ul>
 * securesystemslib's own passphrase encryption of JSON keys is not read: decrypt such keys with the
 * Python tools, or make them without {@code -p}.
 */
public final class SslibKeyFiles {

    private SslibKeyFiles() {}

    /** @param rsaScheme the scheme RSA PEM keys sign with; securesystemslib's default is RSASSA-PSS */
    public static SslibKeyPair readPrivate(Path file, SecretSource secrets, SslibScheme rsaScheme) throws KeyReferenceException {
        String text = read(file);
        String source = file.toString();
        if (text.stripLeading().startsWith("{")) {
            return fromPrivateJson(text, source);
        }
        if (text.contains("@@@@")) {
            throw new KeyReferenceException(source + " is a passphrase-encrypted securesystemslib key, which Provenant "
                    + "cannot read; use an unencrypted key file or a PEM key");
        }
        char[] passphrase = text.contains("ENCRYPTED") ? secrets.read().orElse(null) : null;
        try {
            KeyPair pair = PemPrivateKeys.read(text, passphrase, source);
            return new SslibKeyPair(SslibPublicKey.of(pair.getPublic(), rsaScheme), pair.getPublic(), pair.getPrivate());
        } catch (IllegalArgumentException e) {
            throw new KeyReferenceException(source + ": " + e.getMessage());
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    /** A PEM public key or a securesystemslib JSON public (or private) key file. */
    public static SslibPublicKey readPublic(Path file, SslibScheme rsaScheme) throws KeyReferenceException {
        String text = read(file);
        try {
            return SslibPublicKey.parse(text, rsaScheme);
        } catch (FormatException e) {
            throw new KeyReferenceException(file + ": " + e.getMessage());
        }
    }

    private static SslibKeyPair fromPrivateJson(String text, String source) throws KeyReferenceException {
        try {
            JsonNode node = JsonCodec.readTree(text.getBytes(StandardCharsets.UTF_8), "key file " + source);
            SslibPublicKey publicKey = SslibPublicKey.fromJson(node);
            JsonNode priv = node.path("keyval").path("private");
            if (!priv.isTextual() || priv.textValue().isEmpty()) {
                throw new KeyReferenceException(source + " holds no private key (keyval.private is empty)");
            }
            PrivateKey privateKey;
            PublicKey derived;
            if (publicKey.keytype().equals("ed25519")) {
                KeyPair pair = ed25519(priv.textValue(), source);
                privateKey = pair.getPrivate();
                derived = pair.getPublic();
            } else {
                KeyPair pair = PemPrivateKeys.read(priv.textValue(), null, source);
                privateKey = pair.getPrivate();
                derived = pair.getPublic();
            }
            PublicKey declared = publicKey.toPublicKey();
            if (!Arrays.equals(declared.getEncoded(), derived.getEncoded())) {
                throw new KeyReferenceException(source + ": keyval.public is not the public half of keyval.private");
            }
            JsonNode keyid = node.get("keyid");
            if (keyid != null && !keyid.asText().equals(publicKey.keyid())) {
                throw new KeyReferenceException(source + ": its keyid " + keyid.asText() + " is not the keyid of its key ("
                        + publicKey.keyid() + "); signatures would not verify");
            }
            return new SslibKeyPair(publicKey, declared, privateKey);
        } catch (FormatException e) {
            throw new KeyReferenceException(source + ": " + e.getMessage());
        }
    }

    private static KeyPair ed25519(String hex, String source) throws KeyReferenceException, FormatException {
        byte[] seed;
        try {
            seed = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new KeyReferenceException(source + ": ed25519 keyval.private is not hex");
        }
        if (seed.length != 32) {
            throw new KeyReferenceException(source + ": ed25519 keyval.private must be 32 bytes");
        }
        try {
            Ed25519PrivateKeyParameters params = new Ed25519PrivateKeyParameters(seed, 0);
            PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                    new DEROctetString(seed));
            PrivateKey privateKey = java.security.KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(info.getEncoded()));
            SslibPublicKey pub = new SslibPublicKey("ed25519", "ed25519",
                    HexFormat.of().formatHex(params.generatePublicKey().getEncoded()));
            return new KeyPair(pub.toPublicKey(), privateKey);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new KeyReferenceException(source + " is not a valid ed25519 key");
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * The unencrypted securesystemslib JSON private key in-toto-keygen writes (Ed25519 and ECDSA keys;
     * RSA keys stay PEM for the Python tools). Write it with {@code AtomicFile.OWNER_ONLY}.
     */
    public static byte[] privateKeyJson(SslibKeyPair pair) {
        SslibPublicKey pub = pair.publicKey();
        ObjectNode node = JsonCodec.mapper().createObjectNode();
        node.put("keytype", pub.keytype());
        node.put("scheme", pub.scheme());
        node.put("keyid", pub.keyid());
        var algorithms = node.putArray("keyid_hash_algorithms");
        SslibPublicKey.KEYID_HASH_ALGORITHMS.forEach(algorithms::add);
        ObjectNode keyval = node.putObject("keyval");
        keyval.put("public", pub.publicValue());
        if (pub.keytype().equals("ed25519")) {
            try {
                byte[] seed = ((org.bouncycastle.asn1.ASN1OctetString) PrivateKeyInfo.getInstance(pair.privateKey().getEncoded())
                        .parsePrivateKey()).getOctets();
                keyval.put("private", HexFormat.of().formatHex(seed));
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode the ed25519 private key", e);
            }
        } else {
            keyval.put("private", PemPrivateKeys.write(pair.privateKey(), new char[0]));
        }
        return JsonCodec.write(node);
    }

    private static String read(Path file) throws KeyReferenceException {
        try {
            return BoundedFile.readString(file, InputLimit.KEY, StandardCharsets.UTF_8);
        } catch (InputTooLargeException e) {
            throw new KeyReferenceException(file + " is too large to be a key file");
        } catch (NoSuchFileException e) {
            throw new KeyReferenceException("key file " + file + " does not exist");
        } catch (IOException e) {
            throw new KeyReferenceException("cannot read key file " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
