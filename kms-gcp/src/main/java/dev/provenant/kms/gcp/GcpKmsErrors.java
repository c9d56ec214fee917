package dev.provenant.kms.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SigningException;

/** One-line messages for the client's exceptions, by the status code Cloud KMS answered. */
final class GcpKmsErrors {
    private GcpKmsErrors() {}

    static SigningException translate(GcpKmsKeyRef ref, String operation, ApiException e) {
        StatusCode.Code code = e.getStatusCode() == null ? StatusCode.Code.UNKNOWN : e.getStatusCode().getCode();
        String detail = code + (rootMessage(e).isEmpty() ? "" : ": " + rootMessage(e));
        if (code == StatusCode.Code.UNKNOWN && unreachable(e)) {
            return new SigningException("Cloud KMS is unreachable for " + ref.display() + " (" + rootMessage(e) + ")");
        }
        if (code == StatusCode.Code.UNKNOWN && tokenRefused(e)) {
            return new SigningException("Google's token endpoint refused the credentials for " + ref.display() + " (" + rootMessage(e) + ")");
        }
        return switch (code) {
            case NOT_FOUND -> new KeyReferenceException("Cloud KMS has no key version " + ref.resourceName() + " (" + detail + ")");
            case FAILED_PRECONDITION, INVALID_ARGUMENT -> new KeyReferenceException(ref.display() + " cannot sign (" + detail + ")");
            case UNAUTHENTICATED, PERMISSION_DENIED -> new SigningException("Cloud KMS refused the credentials for " + operation
                    + " on " + ref.display() + " (" + detail + ")");
            case UNAVAILABLE, DEADLINE_EXCEEDED -> new SigningException("Cloud KMS is unreachable for " + ref.display() + " (" + detail + ")");
            default -> new SigningException("Cloud KMS " + operation + " on " + ref.display() + " failed (" + detail + ")");
        };
    }

    /** google-auth reports a refused token request as an HTTP 400/401 from the token endpoint, wrapped a few causes deep. */
    private static boolean tokenRefused(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getClass().getName().equals("com.google.api.client.http.HttpResponseException")
                    && t.getMessage() != null && t.getMessage().contains("\"error\"")) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        String text = m == null || m.isBlank() ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + m;
        text = text.replace('\n', ' ').replace('\r', ' ');
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
