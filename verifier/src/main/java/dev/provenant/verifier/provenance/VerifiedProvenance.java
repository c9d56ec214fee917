package dev.provenant.verifier.provenance;

import java.util.List;

/**
 * Provenance that met every expectation, and which checks established it, for printing.
 *
 * @param provenance the checked fields
 * @param checked one line per check that held, such as {@code source https://github.com/o/r}
 * @param signerChecked whether the builder and source were also checked against a Fulcio certificate
 */
public record VerifiedProvenance(Provenance provenance, List<String> checked, boolean signerChecked) {
    public VerifiedProvenance {
        checked = List.copyOf(checked);
    }
}
