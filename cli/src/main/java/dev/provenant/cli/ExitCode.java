package dev.provenant.cli;

/** The exit codes every command shares, as DESIGN.md and the README document them. */
public final class ExitCode {
    /** Trusted, or done. */
    public static final int OK = 0;
    /** The evidence does not establish trust: tampered, mismatched, malformed, wrong key, policy not met. */
    public static final int NOT_TRUSTED = 1;
    /** Usage error or unreadable input: a bad flag, a missing file, an unusable key reference. */
    public static final int USAGE = 2;
    /** A service or device failed: network, KMS, HSM, the JCA provider. */
    public static final int SERVICE = 3;

    private ExitCode() {}
}
