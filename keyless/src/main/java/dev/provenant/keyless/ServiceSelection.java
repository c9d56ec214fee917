package dev.provenant.keyless;

import dev.provenant.signer.keyless.KeylessConfigException;
import dev.sigstore.proto.common.v1.TimeRange;
import dev.sigstore.proto.trustroot.v1.Service;
import dev.sigstore.proto.trustroot.v1.ServiceConfiguration;
import dev.sigstore.proto.trustroot.v1.ServiceSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the transparency logs (or timestamp authorities) to use from a signing config, as the
 * specification of {@code SigningConfig} says: only services within their validity window (inclusive)
 * and of an API version the client speaks; of those, only the highest version (never a mix); at most
 * one per operator, the one whose validity started last (the first listed on a tie); then as the
 * selector asks: {@code ALL} of them, {@code ANY} one (the first), or {@code EXACT} {@code count},
 * which is an error when fewer qualify. An undefined selector is an error.
 */
final class ServiceSelection {
    private ServiceSelection() {}

    /**
     * @param what what the services are, for messages ("Rekor log")
     * @return the chosen services in the config's order; empty when none qualifies and the selector is ANY or ALL
     */
    static List<Service> select(List<Service> services, ServiceConfiguration config, Set<Integer> versions, Instant now,
            String what) throws KeylessConfigException {
        if (services.isEmpty()) {
            return List.of(); // nothing listed: there is nothing to select, whatever the selector says
        }
        List<Service> usable = new ArrayList<>();
        int highest = -1;
        for (Service s : services) {
            if (versions.contains(s.getMajorApiVersion()) && validAt(s.getValidFor(), now)) {
                usable.add(s);
                highest = Math.max(highest, s.getMajorApiVersion());
            }
        }
        Map<String, Service> byOperator = new LinkedHashMap<>();
        for (Service s : usable) {
            if (s.getMajorApiVersion() != highest) {
                continue;
            }
            // a service without an operator is its own operator: nothing says it shares one with another
            String operator = s.getOperator().isEmpty() ? "\u0000" + s.getUrl() : s.getOperator();
            Service kept = byOperator.get(operator);
            if (kept == null || start(s) > start(kept)) {
                byOperator.put(operator, s);
            }
        }
        List<Service> candidates = new ArrayList<>(byOperator.values());
        ServiceSelector selector = config == null ? ServiceSelector.SERVICE_SELECTOR_UNDEFINED : config.getSelector();
        switch (selector) {
            case ALL:
                return List.copyOf(candidates);
            case ANY:
                return candidates.isEmpty() ? List.of() : List.of(candidates.get(0));
            case EXACT: {
                int count = config.getCount();
                if (count <= 0) {
                    throw new KeylessConfigException("the signing config selects EXACT " + count + " " + what
                            + "s; the count must be at least 1", null);
                }
                if (candidates.size() < count) {
                    throw new KeylessConfigException("the signing config asks for exactly " + count + " " + what + "s of distinct"
                            + " operators, and only " + candidates.size() + " qualify (valid now, API version " + versions + ")", null);
                }
                return List.copyOf(candidates.subList(0, count));
            }
            default:
                throw new KeylessConfigException("the signing config says no selector for its " + what + "s (ALL, ANY or EXACT)", null);
        }
    }

    static boolean validAt(TimeRange range, Instant now) {
        if (!range.hasStart()) {
            return false;
        }
        Instant start = Instant.ofEpochSecond(range.getStart().getSeconds(), range.getStart().getNanos());
        if (now.isBefore(start)) {
            return false;
        }
        if (range.hasEnd()) {
            Instant end = Instant.ofEpochSecond(range.getEnd().getSeconds(), range.getEnd().getNanos());
            return !now.isAfter(end);
        }
        return true;
    }

    private static long start(Service s) {
        return s.getValidFor().getStart().getSeconds();
    }

    /** sigstore-java's view of one chosen service. */
    static dev.sigstore.trustroot.Service toSigstore(Service s) {
        return dev.sigstore.trustroot.Service.from(s);
    }
}
