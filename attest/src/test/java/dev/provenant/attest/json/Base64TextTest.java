package dev.provenant.attest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Base64TextTest {
    @Test
    void readsWhatProtobufJsonWriters() {
        assertThat(Base64Text.decode("f", "aGVsbG8/")).containsExactly('h', 'e', 'l', 'l', 'o', '?');
        assertThat(Base64Text.decode("f", "aGVsbG8_")).containsExactly('h', 'e', 'l', 'l', 'o', '?');
        assertThat(Base64Text.decode("f", "aGVs\nbG8=")).containsExactly('h', 'e', 'l', 'l', 'o');
        assertThat(Base64Text.decode("f", "aGVsbG8")).containsExactly('h', 'e', 'l', 'l', 'o');
    }

    @Test
    void rejectsEverythingElseNamingTheField() {
        assertThatThrownBy(() -> Base64Text.decode("signature", "aGVs bG8=")).hasMessage("signature is not valid base64");
        assertThatThrownBy(() -> Base64Text.decode("signature", "!!!!")).hasMessage("signature is not valid base64");
        assertThatThrownBy(() -> Base64Text.decode("signature", null)).hasMessage("signature is missing");
    }

    @Test
    void checksWithoutDecodingExactlyAsTheDecoderReads() {
        // Every string of up to 6 characters from an alphabet with both base64 variants, padding and line breaks.
        char[] alphabet = {'A', 'z', '+', '/', '-', '_', '=', '\n', ' '};
        int checked = 0;
        for (int length = 0; length <= 6; length++) {
            int[] digits = new int[length];
            while (true) {
                StringBuilder text = new StringBuilder();
                for (int d : digits) {
                    text.append(alphabet[d]);
                }
                boolean decodes;
                try {
                    Base64Text.decode("f", text.toString());
                    decodes = true;
                } catch (IllegalArgumentException e) {
                    decodes = false;
                }
                assertThat(Base64Text.isValid(text.toString())).as("'%s'", text).isEqualTo(decodes);
                checked++;
                int i = 0;
                while (i < length && ++digits[i] == alphabet.length) {
                    digits[i++] = 0;
                }
                if (i == length) {
                    break;
                }
            }
        }
        assertThat(checked).isGreaterThan(500_000);
    }

    @Test
    void requireScansAHugeFieldWithoutDecodingIt() {
        String huge = "A".repeat(64 << 20);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThat(Base64Text.require("payload", huge)).isSameAs(huge);
        // A decode would allocate 48 MiB.
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1 << 20);
        assertThatThrownBy(() -> Base64Text.require("payload", huge + "=")).hasMessage("payload is not valid base64");
    }

    @Test
    void decodesIntoAnArrayAsTheArrayDecoderDoes() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            String text = switch (i % 4) {
                case 0 -> java.util.Base64.getEncoder().encodeToString(bytes);
                case 1 -> java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                case 2 -> java.util.Base64.getMimeEncoder(8, "\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(bytes);
                default -> java.util.Base64.getEncoder().withoutPadding().encodeToString(bytes);
            };
            assertThat(Base64Text.decodedLength("f", text)).as(text).isEqualTo(bytes.length);
            byte[] out = new byte[bytes.length + 3];
            assertThat(Base64Text.decodeInto("f", text, out, 3)).isEqualTo(bytes.length);
            assertThat(java.util.Arrays.copyOfRange(out, 3, out.length)).as(text).isEqualTo(bytes).isEqualTo(Base64Text.decode("f", text));
        }
        assertThatThrownBy(() -> Base64Text.decodeInto("sig", "a===", new byte[4], 0)).hasMessage("sig is not valid base64");
    }
}
