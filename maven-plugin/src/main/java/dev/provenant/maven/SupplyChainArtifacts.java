package dev.provenant.maven;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Extension;
import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.WorkspaceRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Every file a module's build takes from the supply chain, as far as the coverage switches reach: its dependencies
 * (per scope), the POMs of everything it resolves with their parent POMs and imported BOMs, its build plugins and
 * their dependencies, its build extensions, and optionally artifacts built in this reactor. Maven wiring only: what
 * is found becomes {@code UsedArtifact}s for the supply-chain module's lock.
 */
final class SupplyChainArtifacts {
    /** What the lock covers; every switch is reported in the JSON report. */
    record Coverage(Set<String> scopes, boolean poms, boolean plugins, boolean pluginDependencies, boolean extensions,
            boolean reactor) {
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scopes", List.copyOf(new TreeSet<>(scopes)));
            m.put("poms", poms);
            m.put("plugins", plugins);
            m.put("pluginDependencies", pluginDependencies);
            m.put("extensions", extensions);
            m.put("reactor", reactor);
            return m;
        }
    }

    /** One file and what the build uses it as. */
    record Found(Artifact artifact, Path file, Set<String> roles) {}

    /**
     * A plugin's class path: its compile and runtime dependencies (aether-util's filters are not exported to plugins,
     * so this is the one line they would give).
     */
    private static final org.eclipse.aether.graph.DependencyFilter RUNTIME_CLASSPATH = (node, parents) ->
            node.getDependency() == null || Set.of("compile", "runtime", "").contains(node.getDependency().getScope());

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final MavenProject project;
    private final Coverage coverage;
    private final Map<String, Found> found = new TreeMap<>();
    private final Map<String, Properties> properties = new TreeMap<>();
    private final List<String> unresolved = new ArrayList<>();

    SupplyChainArtifacts(RepositorySystem system, RepositorySystemSession session, MavenProject project, Coverage coverage) {
        this.system = system;
        this.session = session;
        this.project = project;
        this.coverage = coverage;
    }

    /** What could not be resolved (a parent or BOM whose version is an unknown property, a repository failure). */
    List<String> unresolved() {
        return unresolved;
    }

    List<Found> collect() {
        List<RemoteRepository> repos = project.getRemoteProjectRepositories();
        List<RemoteRepository> pluginRepos = project.getRemotePluginRepositories();
        for (org.apache.maven.artifact.Artifact a : project.getArtifacts()) {
            String scope = a.getScope() == null ? "compile" : a.getScope();
            if (a.getFile() == null || !a.getFile().isFile() || !coverage.scopes().contains(scope)) {
                continue;
            }
            Artifact artifact = new DefaultArtifact(a.getGroupId(), a.getArtifactId(), a.getClassifier(), ProjectFiles.extension(a),
                    a.getVersion()).setFile(a.getFile());
            if (isReactor(artifact) && !coverage.reactor()) {
                continue;
            }
            add(artifact, a.getFile().toPath(), scope);
            pom(artifact, repos, "pom");
        }
        if (coverage.poms()) {
            Model own = project.getOriginalModel();
            if (own.getParent() != null) {
                Parent p = own.getParent();
                pom(new DefaultArtifact(p.getGroupId(), p.getArtifactId(), "pom", p.getVersion()), repos, "parent");
            }
            imports(own, project.getProperties(), repos);
        }
        if (coverage.plugins() || coverage.pluginDependencies()) {
            for (Plugin p : project.getBuildPlugins()) {
                if (p.getVersion() == null || p.getVersion().isBlank()) {
                    unresolved.add("plugin " + p.getKey() + ": no version in the model");
                    continue;
                }
                Artifact jar = new DefaultArtifact(p.getGroupId(), p.getArtifactId(), "jar", p.getVersion());
                if (coverage.plugins()) {
                    resolve(jar, pluginRepos, "plugin");
                    pom(jar, pluginRepos, "pom");
                }
                if (coverage.pluginDependencies()) {
                    pluginDependencies(p, jar, pluginRepos);
                }
            }
        }
        if (coverage.extensions()) {
            for (Extension e : project.getBuildExtensions()) {
                if (e.getVersion() == null || e.getVersion().isBlank()) {
                    unresolved.add("extension " + e.getGroupId() + ":" + e.getArtifactId() + ": no version in the model");
                    continue;
                }
                Artifact jar = new DefaultArtifact(e.getGroupId(), e.getArtifactId(), "jar", e.getVersion());
                resolve(jar, pluginRepos, "extension");
                pom(jar, pluginRepos, "pom");
            }
        }
        return new ArrayList<>(found.values());
    }

    private void pluginDependencies(Plugin plugin, Artifact jar, List<RemoteRepository> repos) {
        CollectRequest request = new CollectRequest(new org.eclipse.aether.graph.Dependency(jar, "runtime"), repos);
        for (Dependency d : plugin.getDependencies()) {
            request.addDependency(new org.eclipse.aether.graph.Dependency(new DefaultArtifact(d.getGroupId(), d.getArtifactId(),
                    d.getClassifier(), d.getType() == null || d.getType().equals("maven-plugin") ? "jar" : d.getType(), d.getVersion()),
                    "runtime"));
        }
        try {
            var result = system.resolveDependencies(session, new DependencyRequest(request, RUNTIME_CLASSPATH));
            for (ArtifactResult r : result.getArtifactResults()) {
                Artifact a = r.getArtifact();
                if (a == null || a.getFile() == null || sameCoordinates(a, jar)) {
                    continue;
                }
                if (r.getRepository() instanceof WorkspaceRepository && !coverage.reactor()) {
                    continue;
                }
                add(a, a.getFile().toPath(), "plugin-dependency");
                if (coverage.poms()) {
                    pom(a, repos, "pom");
                }
            }
        } catch (DependencyResolutionException e) {
            unresolved.add(plugin.getKey() + "'s dependencies: " + firstLine(e.getMessage()));
        }
    }

    /** The artifact's POM, then (walking each POM read) its parents and the BOMs it imports. */
    private void pom(Artifact of, List<RemoteRepository> repos, String role) {
        if (coverage.poms()) {
            walk(of, repos, role);
        }
    }

    /** Walks a POM (parents first, for the properties BOM versions use); returns its properties, inherited ones included. */
    private Properties walk(Artifact of, List<RemoteRepository> repos, String role) {
        Artifact pom = new DefaultArtifact(of.getGroupId(), of.getArtifactId(), "", "pom", of.getVersion());
        Path file = resolve(pom, repos, role);
        if (file == null) {
            return new Properties();
        }
        Properties known = properties.get(pom.toString());
        if (known != null) {
            return known;
        }
        properties.put(pom.toString(), new Properties()); // a cycle of parents stops here
        Model model;
        try (Reader r = Files.newBufferedReader(file)) {
            model = new MavenXpp3Reader().read(r, false);
        } catch (IOException | org.codehaus.plexus.util.xml.pull.XmlPullParserException e) {
            unresolved.add(pom + ": unreadable POM: " + firstLine(e.getMessage()));
            return new Properties();
        }
        Properties merged = new Properties();
        if (model.getParent() != null) {
            Parent p = model.getParent();
            merged.putAll(walk(new DefaultArtifact(p.getGroupId(), p.getArtifactId(), "pom", p.getVersion()), repos, "parent"));
        }
        merged.putAll(model.getProperties());
        properties.put(pom.toString(), merged);
        imports(model, merged, repos);
        return merged;
    }

    private void imports(Model model, Properties properties, List<RemoteRepository> repos) {
        if (model.getDependencyManagement() == null) {
            return;
        }
        for (Dependency d : model.getDependencyManagement().getDependencies()) {
            if (!"import".equals(d.getScope()) || !"pom".equals(d.getType())) {
                continue;
            }
            String group = fill(d.getGroupId(), model, properties);
            String version = fill(d.getVersion(), model, properties);
            if (group == null || version == null) {
                unresolved.add("BOM " + d.getGroupId() + ":" + d.getArtifactId() + ":" + d.getVersion() + " imported by "
                        + model.getArtifactId() + ": its version is a property this POM does not set");
                continue;
            }
            pom(new DefaultArtifact(group, d.getArtifactId(), "pom", version), repos, "bom");
        }
    }

    /** A value with {@code ${...}} filled from the POM's properties and project coordinates; null when one is unknown. */
    private static String fill(String value, Model model, Properties properties) {
        if (value == null) {
            return null;
        }
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = switch (name) {
                case "project.version", "pom.version" -> model.getVersion() != null ? model.getVersion()
                        : model.getParent() != null ? model.getParent().getVersion() : null;
                case "project.groupId", "pom.groupId" -> model.getGroupId() != null ? model.getGroupId()
                        : model.getParent() != null ? model.getParent().getGroupId() : null;
                case "project.parent.version" -> model.getParent() != null ? model.getParent().getVersion() : null;
                default -> properties.getProperty(name);
            };
            if (v == null || v.contains("${")) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Path resolve(Artifact artifact, List<RemoteRepository> repos, String role) {
        String key = artifact.toString();
        Found known = found.get(key);
        if (known != null) {
            known.roles().add(role);
            return known.file();
        }
        ArtifactResult result;
        try {
            result = system.resolveArtifact(session, new ArtifactRequest(artifact, repos, null));
        } catch (ArtifactResolutionException e) {
            unresolved.add(key + ": " + firstLine(e.getMessage()));
            return null;
        }
        if (result.getRepository() instanceof WorkspaceRepository && !coverage.reactor()) {
            return null;
        }
        Path file = result.getArtifact().getFile().toPath();
        add(result.getArtifact(), file, role);
        return file;
    }

    private void add(Artifact a, Path file, String role) {
        found.computeIfAbsent(a.toString(), k -> new Found(a, file, new TreeSet<>())).roles().add(role);
    }

    private boolean isReactor(Artifact a) {
        try {
            return system.resolveArtifact(session, new ArtifactRequest(a, project.getRemoteProjectRepositories(), null))
                    .getRepository() instanceof WorkspaceRepository;
        } catch (ArtifactResolutionException e) {
            return false;
        }
    }

    private static boolean sameCoordinates(Artifact a, Artifact b) {
        return a.getGroupId().equals(b.getGroupId()) && a.getArtifactId().equals(b.getArtifactId())
                && a.getVersion().equals(b.getVersion()) && a.getClassifier().equals(b.getClassifier())
                && a.getExtension().equals(b.getExtension());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no reason given";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
