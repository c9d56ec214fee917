package dev.provenant.supplychain.sbom;

import dev.provenant.supplychain.Coordinates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;

/**
 * A CycloneDX 1.6 SBOM (JSON) of the components a build verified, written with the CycloneDX project's own Java
 * library: the module as {@code metadata.component}, each verified artifact as a library component with its package
 * URL (also its {@code bom-ref}), its SHA-256 and its licenses. Components are sorted by package URL. The document
 * is the predicate of an attestation of type {@link #PREDICATE_TYPE}, as GitHub's {@code actions/attest-sbom} makes.
 */
public final class CycloneDxSbom {
    /** The in-toto predicate type of an attested CycloneDX SBOM. */
    public static final String PREDICATE_TYPE = "https://cyclonedx.org/bom";

    private CycloneDxSbom() {}

    /**
     * @param subject the module the components were verified for
     * @param serial the document's serial number ({@code urn:uuid:SERIAL})
     * @throws IllegalStateException when the library cannot write the document (it never does for these fields)
     */
    public static byte[] write(Coordinates subject, List<SbomComponent> components, Instant timestamp, UUID serial) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + serial);
        bom.setVersion(1);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(timestamp));
        Component module = component(new SbomComponent(subject, "0".repeat(64), List.of()), false);
        module.setType(Component.Type.APPLICATION);
        metadata.setComponent(module);
        bom.setMetadata(metadata);
        List<SbomComponent> sorted = new ArrayList<>(components);
        sorted.sort(Comparator.comparing(SbomComponent::purl));
        List<Component> list = new ArrayList<>();
        for (SbomComponent c : sorted) {
            list.add(component(c, true));
        }
        bom.setComponents(list);
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString(true).getBytes(StandardCharsets.UTF_8);
        } catch (GeneratorException e) {
            throw new IllegalStateException("CycloneDX could not write the SBOM: " + e.getMessage(), e);
        }
    }

    private static Component component(SbomComponent c, boolean withHashAndLicenses) {
        Component component = new Component();
        component.setType(Component.Type.LIBRARY);
        component.setGroup(c.coordinates().groupId());
        component.setName(c.coordinates().artifactId());
        component.setVersion(c.coordinates().version());
        component.setPurl(c.purl());
        component.setBomRef(c.purl());
        if (withHashAndLicenses) {
            component.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, c.sha256())));
            if (!c.licenses().isEmpty()) {
                LicenseChoice choice = new LicenseChoice();
                for (SbomComponent.License l : c.licenses()) {
                    License license = new License();
                    if (l.id() != null) {
                        license.setId(l.id());
                    } else {
                        license.setName(l.name());
                    }
                    choice.addLicense(license);
                }
                component.setLicenses(choice);
            }
        }
        return component;
    }
}
