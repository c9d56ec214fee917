package dev.provenant.signer.file;

import dev.provenant.attest.crypto.SignatureAlgorithm;
import dev.provenant.attest.digest.Digest;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.Signer;
import dev.provenant.signer.SigningException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Signs with a private key loaded from a PEM file, on the JDK's own providers. */
public final class FileKeySigner implements Signer {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;
    private final String description;

    public FileKeySigner(KeyPair pair, String description) throws KeyReferenceException {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.description = description;
        try {
            this.algorithm = SignatureAlgorithm.forKey(publicKey);
        } catch (GeneralSecurityException e) {
            throw new KeyReferenceException(description + ": " + e.getMessage());
        }
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] message) throws SigningException {
        try {
            Signature s = algorithm.newMessageSignature();
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("signing with " + description + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] signDigest(Digest digest) throws SigningException {
        try {
            Signature s = algorithm.newDigestSignature();
            s.initSign(privateKey);
            s.update(algorithm.digestInput(digest));
            return s.sign();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SigningException("signing with " + description + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }
}
