package dev.provenant.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * File operands, with glob patterns ({@code 'dist/*.jar'}, {@code 'target/**.jar'}) expanded here for
 * shells and CI systems that pass them through quoted. An operand that names an existing file is
 * taken as it is, even if it contains glob characters.
 */
final class Operands {
    private Operands() {}

    static List<Path> files(List<String> operands) throws IOException, UsageException {
        List<Path> out = new ArrayList<>();
        for (String operand : operands) {
            Path literal = Path.of(operand);
            if (Files.exists(literal) || !isGlob(operand)) {
                if (Files.isDirectory(literal)) {
                    throw new UsageException(operand + " is a directory (give files or a glob)");
                }
                if (!Files.isRegularFile(literal)) {
                    throw new java.nio.file.NoSuchFileException(operand);
                }
                out.add(literal);
                continue;
            }
            List<Path> matches = expand(operand);
            if (matches.isEmpty()) {
                throw new UsageException("the pattern '" + operand + "' matches no file");
            }
            out.addAll(matches);
        }
        return out;
    }

    private static boolean isGlob(String operand) {
        return operand.indexOf('*') >= 0 || operand.indexOf('?') >= 0 || operand.indexOf('[') >= 0 || operand.indexOf('{') >= 0;
    }

    private static List<Path> expand(String pattern) throws IOException {
        // Walk from the longest leading part without glob characters.
        String[] parts = pattern.split("/");
        StringBuilder base = new StringBuilder();
        for (String part : parts) {
            if (isGlob(part)) {
                break;
            }
            base.append(part).append('/');
        }
        Path root = base.length() == 0 ? Path.of(".") : Path.of(base.toString());
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        boolean relativeToDot = base.length() == 0;
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> relativeToDot ? root.relativize(p) : p)
                    .filter(matcher::matches)
                    .sorted()
                    .toList();
        }
    }
}
