package dev.provenant.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.provenant.signer.keyless.KeylessConfigException;
import dev.sigstore.proto.common.v1.TimeRange;
import dev.sigstore.proto.trustroot.v1.Service;
import dev.sigstore.proto.trustroot.v1.ServiceConfiguration;
import dev.sigstore.proto.trustroot.v1.ServiceSelector;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceSelectionTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    static Service service(String url, int version, String operator, String start, String end) {
        TimeRange.Builder range = TimeRange.newBuilder();
        if (start != null) {
            range.setStart(Timestamp.newBuilder().setSeconds(Instant.parse(start).getEpochSecond()));
        }
        if (end != null) {
            range.setEnd(Timestamp.newBuilder().setSeconds(Instant.parse(end).getEpochSecond()));
        }
        return Service.newBuilder().setUrl(url).setMajorApiVersion(version).setOperator(operator).setValidFor(range).build();
    }

    static ServiceConfiguration selector(ServiceSelector s, int count) {
        return ServiceConfiguration.newBuilder().setSelector(s).setCount(count).build();
    }

    static List<String> urls(List<Service> chosen) {
        return chosen.stream().map(Service::getUrl).toList();
    }

    static List<String> select(List<Service> services, ServiceConfiguration config, Set<Integer> versions) throws Exception {
        return urls(ServiceSelection.select(services, config, versions, NOW, "Rekor log"));
    }

    @Test
    void onlyServicesValidNowInclusiveOfTheirEnds() throws Exception {
        List<Service> services = List.of(
                service("https://expired", 1, "a", "2020-01-01T00:00:00Z", "2026-05-31T23:59:59Z"),
                service("https://future", 1, "b", "2026-06-01T00:00:01Z", null),
                service("https://ends-now", 1, "c", "2021-01-01T00:00:00Z", "2026-06-01T00:00:00Z"),
                service("https://starts-now", 1, "d", "2026-06-01T00:00:00Z", null),
                service("https://no-start", 1, "e", null, null));
        assertThat(select(services, selector(ServiceSelector.ALL, 0), Set.of(1))).containsExactly("https://ends-now", "https://starts-now");
    }

    @Test
    void theHighestSupportedVersionOnlyNeverAMix() throws Exception {
        List<Service> services = List.of(
                service("https://v1", 1, "a", "2021-01-01T00:00:00Z", null),
                service("https://v2", 2, "b", "2025-01-01T00:00:00Z", null),
                service("https://v3", 3, "c", "2025-01-01T00:00:00Z", null));
        assertThat(select(services, selector(ServiceSelector.ALL, 0), Set.of(1, 2))).containsExactly("https://v2");
        assertThat(select(services, selector(ServiceSelector.ALL, 0), Set.of(1))).containsExactly("https://v1");
        assertThat(select(services, selector(ServiceSelector.ANY, 0), Set.of(4))).isEmpty();
    }

    @Test
    void onePerOperatorTheOneThatStartedLast() throws Exception {
        List<Service> services = List.of(
                service("https://a-old", 1, "a.example", "2021-01-01T00:00:00Z", null),
                service("https://a-new", 1, "a.example", "2025-01-01T00:00:00Z", null),
                service("https://b", 1, "b.example", "2022-01-01T00:00:00Z", null),
                service("https://unnamed-1", 1, "", "2022-01-01T00:00:00Z", null),
                service("https://unnamed-2", 1, "", "2022-01-01T00:00:00Z", null));
        assertThat(select(services, selector(ServiceSelector.ALL, 0), Set.of(1)))
                .containsExactly("https://a-new", "https://b", "https://unnamed-1", "https://unnamed-2");
        assertThat(select(services, selector(ServiceSelector.ANY, 0), Set.of(1))).containsExactly("https://a-new");
        assertThat(select(services, selector(ServiceSelector.EXACT, 2), Set.of(1))).containsExactly("https://a-new", "https://b");
    }

    @Test
    void exactNeedsEnoughDistinctOperatorsAndAPositiveCount() {
        List<Service> services = List.of(
                service("https://a-1", 1, "a.example", "2021-01-01T00:00:00Z", null),
                service("https://a-2", 1, "a.example", "2022-01-01T00:00:00Z", null));
        assertThatThrownBy(() -> select(services, selector(ServiceSelector.EXACT, 2), Set.of(1)))
                .isInstanceOf(KeylessConfigException.class).hasMessageContaining("exactly 2").hasMessageContaining("only 1 qualify");
        assertThatThrownBy(() -> select(services, selector(ServiceSelector.EXACT, 0), Set.of(1)))
                .isInstanceOf(KeylessConfigException.class).hasMessageContaining("at least 1");
    }

    @Test
    void anUndefinedSelectorIsAnError() {
        List<Service> services = List.of(service("https://a", 1, "a", "2021-01-01T00:00:00Z", null));
        assertThatThrownBy(() -> select(services, ServiceConfiguration.getDefaultInstance(), Set.of(1)))
                .isInstanceOf(KeylessConfigException.class).hasMessageContaining("no selector");
        assertThatThrownBy(() -> select(services, null, Set.of(1))).isInstanceOf(KeylessConfigException.class);
    }
}
