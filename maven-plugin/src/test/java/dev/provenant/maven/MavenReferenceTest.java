package dev.provenant.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * docs/MAVEN.md's goal reference is the plugin descriptor that maven-plugin-plugin builds from the Mojo
 * annotations: every goal, its default phase and each parameter with its user property and default.
 * This test fails when the committed file differs from the descriptor of this build;
 * {@code -Dprovenant.docs.update=true} rewrites the generated part instead.
 */
class MavenReferenceTest {
    static final String BEGIN = "<!-- BEGIN GENERATED: goals and parameters from the plugin descriptor (MavenReferenceTest) -->";
    static final String END = "<!-- END GENERATED -->";
    private static final Path DOC = Path.of("..", "docs", "MAVEN.md");
    private static final Path DESCRIPTOR = Path.of("target", "classes", "META-INF", "maven", "plugin.xml");

    @Test
    void docsMavenMdIsThePluginDescriptor() throws Exception {
        String committed = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = committed.indexOf(BEGIN);
        int end = committed.indexOf(END);
        assertThat(begin).as("docs/MAVEN.md has the generated-part markers").isGreaterThanOrEqualTo(0);
        assertThat(end).isGreaterThan(begin);
        String fresh = committed.substring(0, begin) + BEGIN + "\n" + reference(DESCRIPTOR) + committed.substring(end);
        if (fresh.equals(committed)) {
            return;
        }
        if (Boolean.getBoolean("provenant.docs.update")) {
            Path temp = DOC.resolveSibling("MAVEN.md.tmp");
            Files.writeString(temp, fresh, StandardCharsets.UTF_8);
            Files.move(temp, DOC, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        fail("docs/MAVEN.md is not the plugin descriptor of this build: run "
                + "mvn -B -pl maven-plugin -am test -Dtest=MavenReferenceTest -Dsurefire.failIfNoSpecifiedTests=false "
                + "-Dprovenant.docs.update=true and commit docs/MAVEN.md");
    }

    /** Each goal in name order: its description, default phase and a table of its user-settable parameters. */
    static String reference(Path descriptor) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element plugin;
        try (var in = Files.newInputStream(descriptor)) {
            plugin = factory.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (IOException e) {
            throw new IOException("no plugin descriptor " + descriptor + ": build the module first", e);
        }
        String prefix = text(plugin, "goalPrefix");
        List<Element> mojos = children(child(plugin, "mojos"), "mojo");
        mojos.sort(Comparator.comparing(m -> text(m, "goal")));
        StringBuilder out = new StringBuilder();
        for (Element mojo : mojos) {
            out.append("\n### ").append(prefix).append(':').append(text(mojo, "goal")).append("\n\n");
            out.append(text(mojo, "description")).append("\n\n");
            String phase = text(mojo, "phase");
            out.append(phase.isEmpty() ? "Not bound to a phase by default." : "Default phase: `" + phase + "`.")
                    .append(" Needs a project: ").append(text(mojo, "requiresProject").equals("true") ? "yes" : "no")
                    .append(". Needs the network: ").append(text(mojo, "requiresOnline").equals("true") ? "yes" : "no")
                    .append(".\n\n");
            out.append("| parameter | user property | default | description |\n| --- | --- | --- | --- |\n");
            Element configuration = child(mojo, "configuration");
            for (Element parameter : children(child(mojo, "parameters"), "parameter")) {
                if (!text(parameter, "editable").equals("true")) {
                    continue;
                }
                String name = text(parameter, "name");
                Element config = configuration == null ? null : child(configuration, name);
                String expression = config == null ? "" : config.getTextContent().trim();
                String property = expression.startsWith("${") && expression.endsWith("}")
                        ? "`" + expression.substring(2, expression.length() - 1) + "`" : "";
                String fallback = config == null ? "" : config.getAttribute("default-value");
                String required = text(parameter, "required").equals("true") ? " (required)" : "";
                out.append("| `").append(name).append('`').append(required)
                        .append(" | ").append(property)
                        .append(" | ").append(fallback.isEmpty() ? "" : "`" + fallback + "`")
                        .append(" | ").append(cell(text(parameter, "description")))
                        .append(" |\n");
            }
        }
        return out.append('\n').toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\s+", " ").trim();
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                out.add(element);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? "" : element.getTextContent().trim();
    }
}
