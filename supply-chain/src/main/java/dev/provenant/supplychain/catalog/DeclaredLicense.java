package dev.provenant.supplychain.catalog;

import java.util.Objects;

/** A license as a POM's {@code <license>} declares it: its {@code <name>} and {@code <url>}, either possibly empty. */
public record DeclaredLicense(String name, String url) {
    public DeclaredLicense {
        name = Objects.requireNonNullElse(name, "").strip();
        url = Objects.requireNonNullElse(url, "").strip();
    }

    public String describe() {
        return name.isEmpty() ? url : url.isEmpty() ? name : name + " <" + url + ">";
    }
}
