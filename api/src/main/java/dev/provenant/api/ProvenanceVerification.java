package dev.provenant.api;

import dev.provenant.attest.json.JsonCodec;
import dev.provenant.frontend.ResultJson;
import dev.provenant.verifier.provenance.Provenance;
import dev.provenant.verifier.provenance.VerifiedProvenance;
import java.util.List;
import java.util.Optional;

/** Provenance that verified and met every expectation: the bundle's verification, and what the provenance states. */
public final class ProvenanceVerification {
    private final BundleVerification bundle;
    private final VerifiedProvenance provenance;

    ProvenanceVerification(BundleVerification bundle, VerifiedProvenance provenance) {
        this.bundle = bundle;
        this.provenance = provenance;
    }

    public BundleVerification bundle() {
        return bundle;
    }

    public String builderId() {
        return p().builderId();
    }

    public String buildType() {
        return p().buildType();
    }

    public Optional<String> source() {
        return p().source();
    }

    public Optional<String> ref() {
        return p().ref();
    }

    public Optional<String> commit() {
        return p().commit();
    }

    /** One line per expectation that held, e.g. {@code source https://github.com/o/r}. */
    public List<String> checked() {
        return provenance.checked();
    }

    /** Whether a keyless signer's certificate was also found consistent with the builder and source. */
    public boolean signerConsistencyChecked() {
        return provenance.signerChecked();
    }

    private Provenance p() {
        return provenance.provenance();
    }

    /** The result as one JSON object, the fields of {@code provenant verify-provenance --json} without {@code ok}. */
    public String toJson() {
        return JsonCodec.writeString(ResultJson.provenance(JsonCodec.mapper().createObjectNode(), bundle.result(), provenance, false));
    }

    @Override
    public String toString() {
        return "provenance verified: " + String.join("; ", checked());
    }
}
