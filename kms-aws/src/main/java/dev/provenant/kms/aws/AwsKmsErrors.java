package dev.provenant.kms.aws;

import dev.provenant.signer.KeyReferenceException;
import dev.provenant.signer.SigningException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * One-line messages for the SDK's exceptions. They name the error code AWS sent (what a user can
 * look up) and drop the SDK's request ids and retry notes; credentials never appear in either.
 */
final class AwsKmsErrors {
    private AwsKmsErrors() {}

    static SigningException translate(AwsKmsKeyRef ref, String operation, SdkException e) {
        if (e instanceof NotFoundException nf) {
            return new KeyReferenceException("AWS KMS has no key " + ref.keyId() + " (" + detail(nf) + ")");
        }
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if ("UnrecognizedClientException".equals(code) || "InvalidSignatureException".equals(code)
                    || "AccessDeniedException".equals(code) || "ExpiredTokenException".equals(code)
                    || service.statusCode() == 401 || service.statusCode() == 403) {
                return new SigningException("AWS KMS refused the credentials for " + operation + " on " + ref.display()
                        + " (" + detail(service) + ")");
            }
            if ("UnsupportedOperationException".equals(code) || "InvalidKeyUsageException".equals(code)) {
                return new KeyReferenceException(ref.display() + " cannot sign (" + detail(service) + ")");
            }
            return new SigningException("AWS KMS " + operation + " on " + ref.display() + " failed (" + detail(service) + ")");
        }
        if (e instanceof SdkClientException client) {
            String message = oneLine(client.getMessage());
            if (message.startsWith("Unable to load credentials")) {
                return new SigningException("no AWS credentials: the default chain (environment, system properties, profile,"
                        + " container and instance roles) found none");
            }
            if (message.startsWith("Unable to load region")) {
                return new KeyReferenceException(ref.display() + " names no region: set AWS_REGION or use a key ARN");
            }
            return new SigningException("AWS KMS is unreachable for " + ref.display() + ": " + rootCause(client));
        }
        return new SigningException("AWS KMS " + operation + " on " + ref.display() + " failed: " + oneLine(e.getMessage()));
    }

    private static String detail(AwsServiceException e) {
        var details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "HTTP " + e.statusCode() : details.errorCode();
        String message = details == null ? null : details.errorMessage();
        return message == null || message.isBlank() ? code : code + ": " + oneLine(message);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + oneLine(m) + ")");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
