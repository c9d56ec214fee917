package dev.provenant.kms.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SigningException;

/**
 * One-line messages for the Azure SDK's exceptions. Credential failures name the credential chain's
 * first complaint only (its full text spans many lines of advice); tokens never appear in either.
 */
final class AzureErrors {
    private AzureErrors() {}

    static SigningException translate(AzureKeyRef ref, String operation, RuntimeException e) {
        if (e instanceof ResourceNotFoundException nf) {
            return new KeyReferenceException("Azure Key Vault " + ref.vaultHost() + " has no key " + ref.keyName()
                    + (ref.version() == null ? "" : " version " + ref.version()) + " (HTTP " + status(nf) + ")");
        }
        if (e instanceof ClientAuthenticationException || hasCause(e, "com.azure.identity.CredentialUnavailableException")) {
            return new SigningException("Azure refused the credentials for " + operation + " on " + ref.display() + " (" + firstLine(e) + ")");
        }
        if (e instanceof HttpResponseException http) {
            int status = status(http);
            if (status == 401 || status == 403) {
                return new SigningException("Azure Key Vault refused the credentials for " + operation + " on " + ref.display()
                        + " (HTTP " + status + ")");
            }
            if (status == 400) {
                return new KeyReferenceException(ref.display() + " cannot " + operation + " (HTTP 400: " + firstLine(e) + ")");
            }
            return new SigningException("Azure Key Vault " + operation + " on " + ref.display() + " failed (HTTP " + status + ")");
        }
        if (hasConnectFailure(e)) {
            return new SigningException("Azure Key Vault " + ref.vaultHost() + " is unreachable (" + rootCause(e) + ")");
        }
        return new SigningException("Azure Key Vault " + operation + " on " + ref.display() + " failed: " + firstLine(e));
    }

    private static int status(HttpResponseException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }

    private static boolean hasCause(Throwable e, String className) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasConnectFailure(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + firstLine(t));
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = m.indexOf('\n');
        String line = newline < 0 ? m : m.substring(0, newline).strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
