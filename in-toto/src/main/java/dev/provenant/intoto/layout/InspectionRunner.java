package dev.provenant.intoto.layout;

import dev.provenant.intoto.link.Link;
import dev.provenant.verifier.check.VerificationException;

/** Runs an inspection's command and returns the unsigned link recording it; verification stays free of process handling. */
public interface InspectionRunner {
    /** @throws VerificationException (check INSPECTION) when the command cannot run or exits non-zero */
    Link run(Inspection inspection) throws VerificationException;
}
