package dev.provenant.localsigstore;

/** A request the API refuses, with the one-line reason sent back to the client. */
final class BadRequestException extends Exception {
    BadRequestException(String message) {
        super(message);
    }
}
