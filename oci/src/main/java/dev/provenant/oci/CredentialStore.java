package dev.provenant.oci;

import java.util.Optional;

/** Finds the credential for a registry host, if the user has one. */
@FunctionalInterface
public interface CredentialStore {
    /** @param registry the registry as an image reference names it ({@code docker.io} for Docker Hub) */
    Optional<Credential> lookup(String registry) throws RegistryException;

    /** No credentials: anonymous access only. */
    static CredentialStore anonymous() {
        return registry -> Optional.empty();
    }
}
