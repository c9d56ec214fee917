package dev.provenant.kms.gcp;

import java.util.zip.CRC32C;

/** The CRC32C checksums Cloud KMS exchanges alongside digests, keys and signatures. */
final class Crc32c {
    private Crc32c() {}

    static long of(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return crc.getValue();
    }
}
