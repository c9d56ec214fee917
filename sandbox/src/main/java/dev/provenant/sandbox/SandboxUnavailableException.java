package dev.provenant.sandbox;

/**
 * The sandbox cannot be set up here: bubblewrap or prlimit is missing, or the kernel refuses the
 * namespaces. Its message is one line saying why and what to install or allow; a step is never run
 * unsandboxed instead.
 */
public final class SandboxUnavailableException extends Exception {
    public SandboxUnavailableException(String message) {
        super(message);
    }
}
