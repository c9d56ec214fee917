package dev.provenant.signer.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenant.signer.KeyReferenceException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Pkcs11UriTest {
    @Test
    void parsesPathAndQueryAttributes() throws Exception {
        Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=ci;slot-id=7;object=release;id=%01%a2"
                + "?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=/run/pin");
        assertThat(uri.token()).isEqualTo("ci");
        assertThat(uri.slotId()).isEqualTo(7L);
        assertThat(uri.object()).isEqualTo("release");
        assertThat(uri.id()).containsExactly(0x01, 0xa2);
        assertThat(uri.modulePath()).isEqualTo(Path.of("/usr/lib/softhsm/libsofthsm2.so"));
        assertThat(uri.pinSource()).isEqualTo(Path.of("/run/pin"));
    }

    @Test
    void aPathWithANulByteIsARefusedReferenceNotACrash() {
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=ci?pin-source=/run/p%00in"))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("pin-source");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=ci?module-path=/usr/lib/a%00.so"))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("module-path");
    }

    @Test
    void percentDecodesValuesAsUtf8() throws Exception {
        Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=My%20Token;object=cl%C3%A9%3Bx?module-path=/opt/p%2011/m.so");
        assertThat(uri.token()).isEqualTo("My Token");
        assertThat(uri.object()).isEqualTo("clé;x");
        assertThat(uri.modulePath()).isEqualTo(Path.of("/opt/p 11/m.so"));
    }

    @Test
    void displayReencodesAndDropsTheQuery() throws Exception {
        Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=My%20Token;object=a%3Bb?module-path=/m.so&pin-source=file:/run/pin");
        assertThat(uri.pinSource()).isEqualTo(Path.of("/run/pin"));
        assertThat(uri.display()).isEqualTo("pkcs11:token=My%20Token;object=a%3Bb");
        assertThat(Pkcs11Uri.parse(uri.toUriString())).isEqualTo(uri);
    }

    @Test
    void refusesUnknownAttributesButIgnoresVendorOnes() throws Exception {
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=a;colour=red?module-path=/m.so"))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("unknown pkcs11: URI path attribute 'colour'");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=a?module-path=/m.so&colour=red"))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("query attribute 'colour'");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=a;serial=42?module-path=/m.so"))
                .hasMessageContaining("'serial' is not supported");
        assertThat(Pkcs11Uri.parse("pkcs11:token=a;x-vendor=1?module-path=/m.so&x-other=2").token()).isEqualTo("a");
    }

    @Test
    void needsAModuleAndAToken() {
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=a;object=b"))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("module-path");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:object=b?module-path=/m.so"))
                .isInstanceOf(KeyReferenceException.class).hasMessageContaining("token=LABEL or slot-id=N");
    }

    @Test
    void refusesPinValueWithoutEchoingIt() {
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=a?module-path=/m.so&pin-value=s3cr3t-9876"))
                .isInstanceOf(KeyReferenceException.class)
                .hasMessageContaining("pin-value is refused")
                .hasMessageNotContaining("s3cr3t-9876");
        // even where parsing fails earlier, the value is never part of the message
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=a;bogus=1?pin-value=s3cr3t-9876&module-path=/m.so"))
                .hasMessageNotContaining("s3cr3t-9876");
    }

    @Test
    void refusesMalformedInput() {
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=a%2?module-path=/m.so")).hasMessageContaining("truncated %XX");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=a%zz?module-path=/m.so")).hasMessageContaining("invalid %XX");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=%ff?module-path=/m.so")).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=a;token=b?module-path=/m.so")).hasMessageContaining("repeats");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:slot-id=x?module-path=/m.so")).hasMessageContaining("decimal");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=a;type=cert?module-path=/m.so")).hasMessageContaining("private");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token?module-path=/m.so")).hasMessageContaining("name=value");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=a?module-path=/m.so&pin-source=https://x/pin"))
                .hasMessageContaining("pin-source must name a file");
    }

    @Test
    void claimsOnlyItsScheme() {
        assertThat(Pkcs11Uri.claims("pkcs11:token=a")).isTrue();
        assertThat(Pkcs11Uri.claims("PKCS11:token=a")).isTrue();
        assertThat(Pkcs11Uri.claims("release.key")).isFalse();
        assertThat(Pkcs11Uri.claims("awskms://x")).isFalse();
    }
}
