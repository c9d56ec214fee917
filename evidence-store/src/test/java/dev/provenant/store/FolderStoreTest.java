package dev.provenant.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenant.attest.json.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.io.TempDir;

/** The folder back end's decision log, tampered with by editing its files. */
class FolderStoreTest extends EvidenceStoreContract {
    @TempDir
    Path dir;

    @Override
    EvidenceStore store() throws Exception {
        return FolderStore.open(dir);
    }

    @Override
    EvidenceStore reopen() throws Exception {
        return FolderStore.open(dir);
    }

    private Path file(long index) {
        return dir.resolve("log").resolve(String.format("%020d.json", index));
    }

    private ObjectNode entry(long index) throws Exception {
        return (ObjectNode) JsonCodec.mapper().readTree(Files.readAllBytes(file(index)));
    }

    private void write(long index, ObjectNode entry) throws Exception {
        Files.write(file(index), JsonCodec.mapper().writeValueAsBytes(entry));
    }

    @Override
    void editLeaf(long index, byte[] content) throws Exception {
        ObjectNode e = entry(index);
        e.put("leaf", Base64.getEncoder().encodeToString(content));
        write(index, e);
    }

    @Override
    void deleteLeaf(long index) throws Exception {
        Files.delete(file(index));
    }

    @Override
    void swapLeaves(long a, long b) throws Exception {
        ObjectNode ea = entry(a);
        ObjectNode eb = entry(b);
        String leafA = ea.get("leaf").asText();
        ea.put("leaf", eb.get("leaf").asText());
        eb.put("leaf", leafA);
        write(a, ea);
        write(b, eb);
    }

    @Override
    void replayCheckpoint(long treeSize) throws Exception {
        long last;
        try (var files = Files.list(dir.resolve("log"))) {
            last = files.count() - 1;
        }
        ObjectNode e = entry(last);
        e.put("checkpoint", entry(treeSize - 1).get("checkpoint").asText());
        e.put("treeSize", treeSize);
        write(last, e);
    }

    @Override
    void truncate(long from) throws Exception {
        for (long i = from; Files.exists(file(i)); i++) {
            Files.delete(file(i));
        }
    }
}
