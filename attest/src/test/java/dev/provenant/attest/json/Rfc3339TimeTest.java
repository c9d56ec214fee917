package dev.provenant.attest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339TimeTest {

    @Test
    void readsUtcOffsetsAndFractions() {
        assertThat(Rfc3339Time.parse("2021-03-07T03:20:29Z")).isEqualTo(Instant.parse("2021-03-07T03:20:29Z"));
        assertThat(Rfc3339Time.parse("2021-03-07t03:20:29.5z")).isEqualTo(Instant.parse("2021-03-07T03:20:29.500Z"));
        assertThat(Rfc3339Time.parse("2021-03-07T03:20:29.123456789+01:30")).isEqualTo(Instant.parse("2021-03-07T01:50:29.123456789Z"));
        assertThat(Rfc3339Time.parse("2021-03-07T03:20:29-05:00")).isEqualTo(Instant.parse("2021-03-07T08:20:29Z"));
        assertThat(Rfc3339Time.parse("2024-02-29T23:59:59Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(Rfc3339Time.parse("1969-12-31T23:59:59Z")).isEqualTo(Instant.ofEpochSecond(-1));
    }

    @Test
    void agreesWithTheJdkOnRandomInstantsAndOffsets() {
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong() % 8_000_000_000L, random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(47) - 23) * 1800);
            String text = OffsetDateTime.ofInstant(instant, offset).toString();
            if (text.length() < 20 || text.charAt(16) != ':' || Math.abs(instant.getEpochSecond()) > 253_402_300_799L) {
                continue; // OffsetDateTime omits zero seconds; those forms are not RFC 3339
            }
            assertThat(Rfc3339Time.parse(text)).as(text).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2021-03-07", "2021-03-07T03:20Z", "2021-03-07 03:20:29Z", "2021-03-07T03:20:29",
        "2021-03-07T03:20:29.Z", "2021-03-07T03:20:29.1234567890Z", "2021-13-07T03:20:29Z", "2021-02-29T03:20:29Z",
        "2021-03-07T24:00:00Z", "2021-03-07T03:60:29Z", "2021-03-07T03:20:60Z", "2021-03-07T03:20:29+0100",
        "2021-03-07T03:20:29+01:00:00", "2021-03-07T03:20:29Zjunk", "+2021-03-07T03:20:29Z", "2021-3-07T03:20:29Z",
        "２021-03-07T03:20:29Z", "2021-03-07T03:20:29+24:00"})
    void refusesWhatIsNotAnRfc3339DateTime(String text) {
        assertThatThrownBy(() -> Rfc3339Time.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an RFC 3339 date-time");
    }
}
