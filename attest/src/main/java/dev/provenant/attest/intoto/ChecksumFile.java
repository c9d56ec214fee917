package dev.provenant.attest.intoto;

import java.nio.charset.CodingErrorAction;
import java.nio.charset.CharacterCodingException;
import java.nio.ByteBuffer;
import java.io.StringReader;
import dev.provenant.attest.io.InputLimit;
import dev.provenant.attest.io.BoundedFile;
import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import dev.provenant.attest.digest.DigestAlgorithm;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Subjects from a {@code sha256sum}-style file ({@code HEX  NAME} or {@code HEX *NAME} per line, as
 * sha256sum, sha512sum and {@code provenant digest} print), read line by line. The algorithm follows
 * from the digest's length.
 */
public final class ChecksumFile {
    private ChecksumFile() {}

    public static List<ResourceDescriptor> read(Path file) throws IOException, FormatException {
        List<ResourceDescriptor> subjects = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(BoundedFile.read(file, InputLimit.CHECKSUMS))).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException(file + " is not UTF-8 text");
        }
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                subjects.add(parse(line, file + ":" + number));
            }
        }
        if (subjects.isEmpty()) {
            throw new FormatException(file + " lists no digests");
        }
        return subjects;
    }

    static ResourceDescriptor parse(String line, String where) throws FormatException {
        int space = line.indexOf(' ');
        if (space <= 0 || line.length() < space + 2 || (line.charAt(space + 1) != ' ' && line.charAt(space + 1) != '*')) {
            throw new FormatException(where + ": expected 'HEX  NAME' as sha256sum prints it");
        }
        String hex = line.substring(0, space);
        String name = line.substring(space + 2);
        if (name.isEmpty()) {
            throw new FormatException(where + ": the line names no file");
        }
        DigestAlgorithm algorithm = switch (hex.length()) {
            case 64 -> DigestAlgorithm.SHA256;
            case 96 -> DigestAlgorithm.SHA384;
            case 128 -> DigestAlgorithm.SHA512;
            default -> throw new FormatException(where + ": a digest of " + hex.length() + " hex digits is not sha256, sha384 or sha512");
        };
        try {
            return ResourceDescriptor.of(name, Digest.ofHex(algorithm, hex));
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + ": " + e.getMessage());
        }
    }
}
