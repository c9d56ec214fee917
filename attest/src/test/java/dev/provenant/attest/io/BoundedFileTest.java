package dev.provenant.attest.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.provenant.attest.bundle.Bundle;
import dev.provenant.attest.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BoundedFileTest {
    @TempDir
    Path dir;

    @Test
    void readsAFileUpToItsCap() throws Exception {
        Path file = dir.resolve("key.pem");
        byte[] exact = new byte[InputLimit.KEY.maxBytes()];
        Files.write(file, exact);
        assertThat(BoundedFile.read(file, InputLimit.KEY)).hasSize(exact.length);
        Files.writeString(file, "small");
        assertThat(BoundedFile.readString(file, InputLimit.KEY, StandardCharsets.US_ASCII)).isEqualTo("small");
        Files.write(file, new byte[0]);
        assertThat(BoundedFile.read(file, InputLimit.KEY)).isEmpty();
    }

    @Test
    void refusesARegularFileOneByteOverItsCapNamingFileAndCap() throws Exception {
        Path file = dir.resolve("root.json");
        Files.write(file, new byte[InputLimit.TRUSTED_ROOT.maxBytes() + 1]);
        assertThatThrownBy(() -> BoundedFile.read(file, InputLimit.TRUSTED_ROOT))
                .isInstanceOf(InputTooLargeException.class)
                .hasMessage("trusted root " + file + " is larger than the 1 MiB a trusted root may have");
    }

    @Test
    @Timeout(20)
    void refusesAnEndlessDeviceAfterReadingOnlyItsCap() {
        Path zero = Path.of("/dev/zero");
        assumeThat(Files.isReadable(zero)).isTrue();
        assertThatThrownBy(() -> BoundedFile.read(zero, InputLimit.BUNDLE))
                .isInstanceOf(InputTooLargeException.class)
                .hasMessage("bundle /dev/zero is larger than the 8 MiB a bundle may have");
        assertThatThrownBy(() -> Bundle.read(zero)).isInstanceOf(InputTooLargeException.class);
        assertThatThrownBy(() -> JsonValue.readDocument(zero, InputLimit.STATEMENT))
                .hasMessage("statement /dev/zero is larger than the 8 MiB a statement may have");
        assertThatThrownBy(() -> dev.provenant.attest.intoto.ChecksumFile.read(zero))
                .hasMessage("checksum file /dev/zero is larger than the 4 MiB a checksum file may have");
    }

    @Test
    void countsTheBytesAStreamDeliversNotWhatItsSizeClaims() {
        // A stream that never ends, as a pipe fed by `yes` is: only the count of bytes read can stop it.
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return 'y';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'y');
                served += len;
                if (served > 2L * InputLimit.KEY.maxBytes()) {
                    throw new AssertionError("read on past the cap");
                }
                return len;
            }
        };
        assertThatThrownBy(() -> BoundedFile.read(endless, InputLimit.KEY, "standard input"))
                .hasMessage("key standard input is larger than the 64 KiB a key may have");
        assertThat(new String(assertDoesNotThrow(new ByteArrayInputStream("pem".getBytes(StandardCharsets.US_ASCII))),
                StandardCharsets.US_ASCII)).isEqualTo("pem");
    }

    private static byte[] assertDoesNotThrow(InputStream in) {
        try {
            return BoundedFile.read(in, InputLimit.KEY, "input");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Timeout(30)
    void refusesAFifoThatDeliversMoreThanTheCap() throws Exception {
        Path fifo = dir.resolve("bundle.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                byte[] chunk = new byte[1 << 16];
                while (true) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the reader closed its end: done
            }
        });
        writer.setDaemon(true);
        writer.start();
        assertThatThrownBy(() -> BoundedFile.read(fifo, InputLimit.SIGNING_CONFIG))
                .isInstanceOf(InputTooLargeException.class)
                .hasMessageContaining("is larger than the 256 KiB a signing config may have");
        writer.join(10_000);
        assertThat(writer.isAlive()).isFalse();
    }
}
