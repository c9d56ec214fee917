package dev.provenant.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenant.localsigstore.Identity;
import dev.provenant.localsigstore.LocalSigstore;
import dev.provenant.signer.file.KeyPairFiles;
import dev.provenant.signer.file.KeyType;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of docs/LIBRARY.md, compiled and run in the order of the document: the first
 * block (imports only) is the imports of all others; each other block is the body of a {@code main} method,
 * compiled with the JDK's compiler against this module's test class path and run in a JVM of its own
 * whose working directory holds the fixtures the document names. A block that does not compile, throws or
 * exits with another status fails the test; one preceded by {@code <!-- expect: TEXT -->} must also print
 * TEXT.
 */
class LibraryDocTest {
    static final Path DOC = Path.of(System.getProperty("provenant.root", ".."), "docs", "LIBRARY.md");
    static final Path REGISTRY = Path.of(System.getProperty("provenant.registryArtifacts", "target/registry-artifacts"));
    static final Pattern BLOCK = Pattern.compile("(?:<!-- expect: (.*?) -->\\n)?```java\\n(.*?)```", Pattern.DOTALL);
    static final String PASSPHRASE = "doc-passphrase";
    static final String IDENTITY = "release-bot@example.test";

    record Snippet(int index, int line, String body, String expect) {}

    @TempDir
    static Path work;

    static LocalSigstore stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LocalSigstore.start(work.resolve("stack"), 0, 0, Identity.parse(IDENTITY));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    static List<Snippet> snippets(String doc) {
        List<Snippet> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            int line = 1 + (int) doc.substring(0, m.start(2)).chars().filter(c -> c == '\n').count();
            out.add(new Snippet(out.size(), line, m.group(2), m.group(1)));
        }
        return out;
    }

    /** The folder the snippets run in, with every file the document names. */
    static Path fixtures() throws Exception {
        Path dir = Files.createDirectories(work.resolve("run"));
        KeyPairFiles.generate(KeyType.ECDSA_P256, dir.resolve("release").toString(), PASSPHRASE.toCharArray(), false);
        Files.writeString(dir.resolve("app.jar"), "my build output\n");
        Files.writeString(dir.resolve("other.jar"), "another file\n");
        Files.writeString(dir.resolve("policy.yaml"), Fixtures.policy("github.com/acme/app"));
        for (String name : List.of("sigstore-java-1.3.0.jar", "sigstore-java-1.3.0.jar.sigstore.json")) {
            Files.copy(REGISTRY.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(stack.signingConfig(), dir.resolve("signing_config.json"));
        Files.copy(stack.trustedRoot(), dir.resolve("trusted_root.json"));
        Files.copy(stack.tokenFile(), dir.resolve("token"));
        Files.writeString(dir.resolve("issuer"), stack.oidcIssuer() + "\n");
        return dir;
    }

    /** The snippets' environment: nothing of this machine's but PATH, and a GitHub Actions release job's variables. */
    static Map<String, String> environment(Path dir) {
        Map<String, String> env = new HashMap<>(Fixtures.GITHUB_RELEASE_JOB);
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", dir.toString());
        env.put("PROVENANT_CACHE_DIR", dir.resolve(".cache").toString());
        env.put("PROVENANT_PASSWORD", PASSPHRASE);
        return env;
    }

    @Test
    void everySnippetOfTheLibraryDocumentCompilesAndRuns() throws Exception {
        String doc = Files.readString(DOC);
        List<Snippet> snippets = snippets(doc);
        assertThat(snippets).as("java blocks in " + DOC).hasSizeGreaterThan(8);
        String imports = snippets.get(0).body();
        assertThat(imports.strip().lines()).as("the first block holds the imports only").allMatch(l -> l.startsWith("import "));
        // the document shows every job of the facade
        for (String job : List.of("Provenant.verify(", "Provenant.verifyAttestation(", "Provenant.verifyProvenance(",
                "Provenant.sign(", "SignOptions.keyless()", "Provenant.provenance(", "Provenant.attest(", "Provenant.promote(", "Provenant.issueVsa(")) {
            assertThat(doc).as("docs/LIBRARY.md shows " + job).contains(job);
        }

        Path dir = fixtures();
        Path classes = Files.createDirectories(work.resolve("classes"));
        String classPath = System.getProperty("java.class.path");
        List<Path> sources = new ArrayList<>();
        for (Snippet s : snippets.subList(1, snippets.size())) {
            String name = "Snippet" + s.index();
            // the body starts on the document's own line, so a compiler error names the line in LIBRARY.md
            String source = imports.replace('\n', ' ') + "\npublic class " + name + " { public static void main(String[] args) throws Exception {"
                    + "\n".repeat(Math.max(1, s.line() - 2)) + s.body() + "\n} }\n";
            sources.add(Files.writeString(work.resolve("src").resolve(name + ".java"), source, createDirs(work.resolve("src"))));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none", "-Xlint:none");
        try (var files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(diagnostics, files, null, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertThat(compiled).as("the snippets of docs/LIBRARY.md compile:\n" + diagnostics).isTrue();
        }

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Snippet s : snippets.subList(1, snippets.size())) {
            ProcessBuilder pb = new ProcessBuilder(java, "-Djavax.net.ssl.trustStore=" + stack.trustStore(),
                    "-Dslf4j.internal.verbosity=ERROR", "-cp", classes + File.pathSeparator + classPath, "Snippet" + s.index())
                    .directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(environment(dir));
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String where = "the snippet at docs/LIBRARY.md line " + s.line() + ":\n" + s.body() + "\nprinted:\n" + output;
            assertThat(p.exitValue()).as(where).isZero();
            if (s.expect() != null) {
                assertThat(output).as(where).contains(s.expect());
            }
        }
        // what the snippets wrote is what they say they wrote
        assertThat(dir.resolve("app.jar.sigstore.json")).isNotEmptyFile();
        assertThat(dir.resolve("app.provenance.sigstore.json")).isNotEmptyFile();
        assertThat(dir.resolve("app.jar.keyless.sigstore.json")).isNotEmptyFile();
        assertThat(dir.resolve("app.jar.build.vsa.sigstore.json")).isNotEmptyFile();
    }

    private static java.nio.file.OpenOption createDirs(Path dir) throws IOException {
        Files.createDirectories(dir);
        return java.nio.file.StandardOpenOption.CREATE;
    }

    @Test
    void aSnippetThatThrowsIsFoundByTheBlockPattern() {
        // the harness's own reading of the document: an expectation binds to the block right after it, and only to it
        List<Snippet> s = snippets("text\n```java\nimport a.B;\n```\n<!-- expect: boom -->\n```java\nthrow new X();\n```\n```java\nok();\n```\n");
        assertThat(s).extracting(Snippet::body).containsExactly("import a.B;\n", "throw new X();\n", "ok();\n");
        assertThat(s).extracting(Snippet::expect).containsExactly(null, "boom", null);
        assertThat(s).extracting(Snippet::line).containsExactly(3, 7, 10);
    }
}
