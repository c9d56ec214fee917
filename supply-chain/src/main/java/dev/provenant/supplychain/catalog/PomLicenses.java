package dev.provenant.supplychain.catalog;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.io.InputLimit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What a POM says about licenses: its own {@code <licenses>} and, for a POM that declares none (it inherits them),
 * its {@code <parent>}. Read with the JDK's XML parser with document types refused, so no entity is expanded and
 * nothing outside the file is read.
 *
 * @param licenses the licenses declared in this POM
 * @param parent the parent POM's {@code GROUP:ARTIFACT:VERSION}, when it names one
 */
public record PomLicenses(List<DeclaredLicense> licenses, Optional<String> parent) {
    /** The most parent POMs followed for inherited licenses. */
    public static final int MAX_PARENTS = 16;

    public PomLicenses {
        licenses = List.copyOf(licenses);
    }

    /** Finds a POM file by {@code GROUP:ARTIFACT:VERSION}, empty when it is not at hand. */
    @FunctionalInterface
    public interface PomLocator {
        Optional<Path> find(String groupArtifactVersion) throws IOException;
    }

    public static PomLicenses read(Path pom) throws IOException, FormatException {
        return parse(BoundedFile.read(pom, InputLimit.POM), pom.toString());
    }

    public static PomLicenses parse(byte[] bytes, String source) throws FormatException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new FormatException("POM " + source + " is not well-formed XML without a document type: " + firstLine(e.getMessage()));
        }
        Element project = doc.getDocumentElement();
        if (!"project".equals(project.getTagName())) {
            throw new FormatException("POM " + source + ": the root element is <" + project.getTagName() + ">, not <project>");
        }
        List<DeclaredLicense> licenses = new ArrayList<>();
        Element list = child(project, "licenses");
        if (list != null) {
            for (Node n = list.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("license")) {
                    DeclaredLicense l = new DeclaredLicense(text(e, "name"), text(e, "url"));
                    if (l.name().isEmpty() && l.url().isEmpty()) {
                        throw new FormatException("POM " + source + ": a <license> has neither a name nor a URL");
                    }
                    licenses.add(l);
                }
            }
        }
        Optional<String> parent = Optional.empty();
        Element p = child(project, "parent");
        if (p != null) {
            String g = text(p, "groupId");
            String a = text(p, "artifactId");
            String v = text(p, "version");
            if (g.isEmpty() || a.isEmpty() || v.isEmpty()) {
                throw new FormatException("POM " + source + ": <parent> lacks its groupId, artifactId or version");
            }
            parent = Optional.of(g + ":" + a + ":" + v);
        }
        return new PomLicenses(licenses, parent);
    }

    /**
     * The licenses that apply to the artifact whose POM is {@code pom}: its own, else the nearest parent's that
     * declares some (Maven inherits {@code <licenses>} whole). Empty when no POM in the chain declares one.
     *
     * @throws FormatException when a POM is malformed, a parent is not at hand, or the chain is longer than
     *     {@link #MAX_PARENTS} or loops
     */
    public static List<DeclaredLicense> effective(Path pom, PomLocator locator) throws IOException, FormatException {
        PomLicenses current = read(pom);
        List<String> seen = new ArrayList<>();
        while (current.licenses().isEmpty() && current.parent().isPresent()) {
            String parent = current.parent().get();
            if (seen.contains(parent) || seen.size() >= MAX_PARENTS) {
                throw new FormatException("POM " + pom + ": the parent chain loops or is longer than " + MAX_PARENTS + " (at " + parent + ")");
            }
            seen.add(parent);
            Optional<Path> file = locator.find(parent);
            if (file.isEmpty()) {
                throw new FormatException("POM " + pom + ": its parent " + parent + " is not at hand, so its inherited licenses are unknown");
            }
            current = read(file.get());
        }
        return current.licenses();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().strip();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
