package dev.provenant.intoto.verify;

import dev.provenant.attest.FormatException;
import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.intoto.link.MetadataSignature;
import dev.provenant.attest.sslib.SslibPublicKey;
import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.security.PublicKey;

/**
 * Checks one in-toto link's signature with one functionary key, as in-toto's
 * {@code Metablock.verify_signature} does: the first signature whose keyid is the key's keyid must
 * verify over the canonical JSON of {@code signed}. Whether the link satisfies a layout is
 * in-toto-verify's job, not this class's.
 */
public final class LinkVerifier {
    private LinkVerifier() {}

    public static VerifiedLink verify(Metablock block, SslibPublicKey key) throws VerificationException {
        Link link;
        try {
            if (!Link.TYPE.equals(block.type())) {
                throw new VerificationException(Check.LINK, "the metadata is a " + (block.type().isEmpty() ? "file without _type"
                        : "'" + block.type() + "'") + ", not an in-toto link");
            }
            link = Link.fromJson(block.signed());
        } catch (FormatException e) {
            throw new VerificationException(Check.LINK, e.getMessage());
        }
        String keyid = key.keyid();
        MetadataSignature signature = block.signatures().stream().filter(s -> s.keyid().equals(keyid)).findFirst()
                .orElseThrow(() -> new VerificationException(Check.SIGNATURE, "no signature by key " + keyid
                        + (block.signatures().isEmpty() ? " (the link is unsigned)" : " (signed by " + block.signatures().get(0).keyid() + ")")));
        PublicKey publicKey;
        try {
            publicKey = key.toPublicKey();
        } catch (FormatException e) {
            throw new VerificationException(Check.KEY, e.getMessage());
        }
        if (!key.schemeValue().verify(publicKey, block.signableBytes(), signature.sigBytes())) {
            throw new VerificationException(Check.SIGNATURE, "the " + key.scheme() + " signature by key " + keyid
                    + " does not verify: the link was changed after signing, or another key signed it");
        }
        return new VerifiedLink(link, keyid, key.scheme());
    }
}
