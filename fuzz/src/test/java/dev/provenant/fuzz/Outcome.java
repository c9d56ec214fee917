package dev.provenant.fuzz;

import java.util.Arrays;

/**
 * What a fuzz target accepts from the code under test: a normal return, or one of the checked exceptions
 * the parser documents, carrying a message. Anything else (an unchecked exception, an error, a checked
 * exception the parser does not declare) propagates, and Jazzer reports it as a finding.
 */
final class Outcome {
    private Outcome() {}

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    @SafeVarargs
    static void expect(Call call, Class<? extends Exception>... documented) throws Exception {
        try {
            call.run();
        } catch (Exception e) {
            if (Arrays.stream(documented).noneMatch(c -> c.isInstance(e))) {
                throw e;
            }
            String message = e.getMessage();
            if (message == null || message.isBlank()) {
                throw new AssertionError("a documented " + e.getClass().getSimpleName() + " without a message", e);
            }
        }
    }
}
