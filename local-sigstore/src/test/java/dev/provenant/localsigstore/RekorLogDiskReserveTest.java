package dev.provenant.localsigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log stops taking entries before its disk is full, whatever the number of clients sending them. */
class RekorLogDiskReserveTest {
    /** Test double for a file system with a settable amount of free space: this machine's disk cannot be filled for a test. */
    static final class NearlyFullDiskDouble implements RekorLog.FreeSpace {
        long usable;

        @Override
        public long usable() {
            return usable;
        }
    }

    @Test
    void appendsStopWhileTheDiskHasLessThanTheReserveFree(@TempDir Path dir) throws Exception {
        NearlyFullDiskDouble disk = new NearlyFullDiskDouble();
        disk.usable = Long.MAX_VALUE;
        try (RekorLog log = new RekorLog(dir, "127.0.0.1", 1, Authorities.p256(), Authorities.p256(), disk)) {
            log.appendV1(new byte[100]);
            long size = log.size();
            long bytes = Files.size(dir.resolve("entries"));
            disk.usable = RekorLog.MIN_FREE_BYTES + 1000;
            assertThatThrownBy(() -> log.appendV1(new byte[2000])).isInstanceOf(RekorLog.LogFullException.class)
                    .hasMessageContaining("stops taking entries");
            assertThatThrownBy(() -> log.appendV2(new byte[2000])).isInstanceOf(RekorLog.LogFullException.class);
            assertThat(log.size()).isEqualTo(size);
            assertThat(Files.size(dir.resolve("entries"))).isEqualTo(bytes);
            log.appendV1(new byte[500]);
            disk.usable = Long.MAX_VALUE;
            assertThat(log.appendV1(new byte[2000]).index()).isEqualTo(size + 1);
        }
    }
}
