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
}
