package dev.provenant.supplychain.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SPDX identifier of a license as a POM's {@code <licenses>} names it. POMs name licenses freely, so this is a
 * deliberately small table of the names and URLs common among Maven artifacts (compared without case, punctuation
 * and white space, URLs without scheme, {@code www.} and a trailing {@code .txt}, {@code .html} or {@code /}), plus a
 * name that already is one of the SPDX identifiers below. Anything else is unknown: the catalog's
 * {@code licenseNames} maps further names or URLs, and an unmapped license fails the license check.
 * docs/CATALOG.md lists the table.
 */
public final class SpdxLicenses {
    static final Pattern SPDX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+-]*( WITH [A-Za-z0-9][A-Za-z0-9.+-]*)?");

    /** Normalised name or URL to SPDX id. */
    static final Map<String, String> KNOWN = Map.ofEntries(
            // Apache
            Map.entry("apache20", "Apache-2.0"),
            Map.entry("apachelicense20", "Apache-2.0"),
            Map.entry("apachelicenseversion20", "Apache-2.0"),
            Map.entry("theapachelicenseversion20", "Apache-2.0"),
            Map.entry("theapachesoftwarelicenseversion20", "Apache-2.0"),
            Map.entry("apachesoftwarelicenseversion20", "Apache-2.0"),
            Map.entry("asl20", "Apache-2.0"),
            Map.entry("apache.org/licenses/license-2.0", "Apache-2.0"),
            Map.entry("opensource.org/licenses/apache-2.0", "Apache-2.0"),
            // MIT
            Map.entry("mit", "MIT"),
            Map.entry("mitlicense", "MIT"),
            Map.entry("themitlicense", "MIT"),
            Map.entry("themitlicensemit", "MIT"),
            Map.entry("opensource.org/licenses/mit", "MIT"),
            Map.entry("opensource.org/licenses/mit-license", "MIT"),
            Map.entry("bouncycastlelicence", "MIT"),
            Map.entry("bouncycastle.org/licence", "MIT"),
            // BSD
            Map.entry("bsd3clause", "BSD-3-Clause"),
            Map.entry("bsd3clauselicense", "BSD-3-Clause"),
            Map.entry("thebsd3clauselicense", "BSD-3-Clause"),
            Map.entry("newbsdlicense", "BSD-3-Clause"),
            Map.entry("revisedbsd", "BSD-3-Clause"),
            Map.entry("opensource.org/licenses/bsd-3-clause", "BSD-3-Clause"),
            Map.entry("bsd2clause", "BSD-2-Clause"),
            Map.entry("thebsd2clauselicense", "BSD-2-Clause"),
            Map.entry("simplifiedbsdlicense", "BSD-2-Clause"),
            Map.entry("opensource.org/licenses/bsd-2-clause", "BSD-2-Clause"),
            // Eclipse
            Map.entry("eclipsepubliclicense10", "EPL-1.0"),
            Map.entry("eclipsepubliclicensev10", "EPL-1.0"),
            Map.entry("eclipse.org/legal/epl-v10", "EPL-1.0"),
            Map.entry("eclipsepubliclicense20", "EPL-2.0"),
            Map.entry("eclipsepubliclicensev20", "EPL-2.0"),
            Map.entry("eclipse.org/legal/epl-2.0", "EPL-2.0"),
            Map.entry("eclipsedistributionlicense10", "BSD-3-Clause"),
            Map.entry("eclipse.org/org/documents/edl-v10", "BSD-3-Clause"),
            // GNU
            Map.entry("gnulessergeneralpubliclicenseversion21", "LGPL-2.1-only"),
            Map.entry("lgpl21", "LGPL-2.1-only"),
            Map.entry("gnu.org/licenses/old-licenses/lgpl-2.1", "LGPL-2.1-only"),
            Map.entry("gnugeneralpubliclicenseversion2withtheclasspathexception", "GPL-2.0-only WITH Classpath-exception-2.0"),
            Map.entry("gplv2withclasspathexception", "GPL-2.0-only WITH Classpath-exception-2.0"),
            Map.entry("gpl2wcpe", "GPL-2.0-only WITH Classpath-exception-2.0"),
            Map.entry("openjdk.java.net/legal/gplv2+ce", "GPL-2.0-only WITH Classpath-exception-2.0"),
            // others
            Map.entry("mozillapubliclicense20", "MPL-2.0"),
            Map.entry("mpl20", "MPL-2.0"),
            Map.entry("mozilla.org/mpl/2.0", "MPL-2.0"),
            Map.entry("cddl10", "CDDL-1.0"),
            Map.entry("commondevelopmentanddistributionlicensecddlv10", "CDDL-1.0"),
            Map.entry("cddl11", "CDDL-1.1"),
            Map.entry("publicdomain", "LicenseRef-public-domain"),
            Map.entry("cc0", "CC0-1.0"),
            Map.entry("cc010", "CC0-1.0"),
            Map.entry("creativecommons.org/publicdomain/zero/1.0", "CC0-1.0"),
            Map.entry("golicense", "BSD-3-Clause"),
            Map.entry("unicodelicenseagreementdatafilesandsoftware", "Unicode-DFS-2016"));

    /** SPDX identifiers taken as they are when a POM names a license by one. */
    static final java.util.Set<String> IDS = java.util.Set.copyOf(new java.util.TreeSet<>(KNOWN.values()));

    private SpdxLicenses() {}

    /** Whether {@code text} has the form of an SPDX license identifier ({@code LicenseRef-…} too), or {@code ID WITH EXCEPTION}. */
    public static boolean looksLikeId(String text) {
        return SPDX_ID.matcher(text).matches();
    }

    /**
     * The SPDX id of a declared license: the catalog's own names first (exact name or URL), then an SPDX id given as
     * the name, then the table above by name, then by URL.
     */
    public static Optional<String> idOf(DeclaredLicense license, Map<String, String> catalogNames) {
        for (String s : new String[] {license.name(), license.url()}) {
            if (!s.isEmpty() && catalogNames.containsKey(s)) {
                return Optional.of(catalogNames.get(s));
            }
        }
        if (IDS.contains(license.name())) {
            return Optional.of(license.name());
        }
        String byName = KNOWN.get(normaliseName(license.name()));
        if (byName != null) {
            return Optional.of(byName);
        }
        return Optional.ofNullable(KNOWN.get(normaliseUrl(license.url())));
    }

    static String normaliseName(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static String normaliseUrl(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
        u = u.replaceFirst("/+$", "").replaceFirst("\\.(txt|html|php)$", "");
        return u.isEmpty() ? "" : u;
    }
}
