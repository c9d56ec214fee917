package dev.provenant.attest.bundle;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.provenant.attest.json.Base64Text;
import java.util.ArrayList;
import java.util.List;

/** An RFC 6962 inclusion proof of one entry in a tree of {@code treeSize} leaves, with the checkpoint it ends in. */
@JsonPropertyOrder({"logIndex", "rootHash", "treeSize", "hashes", "checkpoint"})
public record InclusionProof(
        @JsonFormat(shape = JsonFormat.Shape.STRING) @JsonInclude(JsonInclude.Include.NON_DEFAULT) long logIndex,
        String rootHash,
        @JsonFormat(shape = JsonFormat.Shape.STRING) @JsonInclude(JsonInclude.Include.NON_DEFAULT) long treeSize,
        List<String> hashes,
        Checkpoint checkpoint) {
    /** A tree of at most 2^63 leaves has at most 63 levels, so no inclusion proof holds more hashes. */
    public static final int MAX_HASHES = 63;

    public InclusionProof {
        if (logIndex < 0 || treeSize < 0) {
            throw new IllegalArgumentException("inclusionProof logIndex and treeSize must not be negative");
        }
        Base64Text.require("inclusionProof.rootHash", rootHash);
        hashes = hashes == null ? List.of() : List.copyOf(hashes);
        if (hashes.size() > MAX_HASHES) {
            throw new IllegalArgumentException("inclusionProof has " + hashes.size() + " hashes; a log tree has at most "
                    + MAX_HASHES + " levels");
        }
        for (String h : hashes) {
            Base64Text.require("inclusionProof.hashes", h);
        }
    }

    public byte[] rootHashBytes() {
        return Base64Text.decode("inclusionProof.rootHash", rootHash);
    }

    public List<byte[]> hashBytes() {
        List<byte[]> out = new ArrayList<>(hashes.size());
        for (String h : hashes) {
            out.add(Base64Text.decode("inclusionProof.hashes", h));
        }
        return out;
    }
}
