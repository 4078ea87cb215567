package io.github.twostep.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces <code>${env:NAME}</code> and <code>${file:PATH}</code> in string values;
 * <code>$${</code> stands for a literal <code>${</code>. Problems name the reference and the JSON path, never a resolved value.
 */
final class References {

    /** The largest file a reference reads: a secret, a key or a certificate, never a stream like /dev/zero. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> environment;
    private final Path baseDirectory;

    /**
     * @param environment   looks up environment variables (null: not set)
     * @param baseDirectory relative <code>${file:}</code> paths start here; null: the working directory
     */
    References(Function<String, String> environment, Path baseDirectory) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.baseDirectory = baseDirectory;
    }

    /** {@code path} as it is when absolute or not valid, else resolved against the settings file's directory. */
    String againstSettingsDirectory(String path) {
        if (baseDirectory == null) {
            return path;
        }
        try {
            return Path.of(path).isAbsolute() ? path : baseDirectory.resolve(path).toString();
        } catch (InvalidPathException e) {
            return path;
        }
    }

    /** The value with every reference replaced, or null after adding a problem. */
    String resolve(String value, String jsonPath, Problems problems) {
        if (!value.contains("${")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            if (value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (value.startsWith("${", i)) {
                int end = value.indexOf('}', i);
                if (end < 0) {
                    problems.add(jsonPath, "unterminated reference; write \"$${\" for a literal \"${\"");
                    return null;
                }
                String reference = value.substring(i, end + 1);
                String resolved = lookUp(value.substring(i + 2, end), reference, jsonPath, problems);
                if (resolved == null) {
                    return null;
                }
                out.append(resolved);
                i = end + 1;
            } else {
                out.append(value.charAt(i++));
            }
        }
        return out.toString();
    }

    private String lookUp(String inner, String reference, String jsonPath, Problems problems) {
        if (inner.startsWith("env:")) {
            String name = inner.substring(4);
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add(jsonPath, reference + ": not a valid environment variable name");
                return null;
            }
            String found = environment.apply(name);
            if (found == null) {
                problems.add(jsonPath, reference + ": environment variable " + name + " is not set");
            }
            return found;
        }
        if (inner.startsWith("file:")) {
            return readFile(inner.substring(5), reference, jsonPath, problems);
        }
        problems.add(jsonPath, reference + ": unknown reference; expected ${env:NAME} or ${file:PATH}");
        return null;
    }

    private String readFile(String name, String reference, String jsonPath, Problems problems) {
        try {
            Path path = Path.of(name);
            if (!path.isAbsolute() && baseDirectory != null) {
                path = baseDirectory.resolve(path);
            }
            if (!Files.isRegularFile(path)) {
                problems.add(jsonPath, reference + (Files.exists(path) ? ": not a regular file"
                        : ": cannot read file: no such file"));
                return null;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                problems.add(jsonPath, reference + ": file is larger than " + MAX_FILE_BYTES / 1024
                        + " KiB; a ${file:} reference holds one value");
                return null;
            }
            String content;
            try {
                content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                problems.add(jsonPath, reference + ": file is not UTF-8 text");
                return null;
            }
            int end = content.length();
            while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
                end--;
            }
            return content.substring(0, end);
        } catch (InvalidPathException e) {
            problems.add(jsonPath, reference + ": not a valid file path");
        } catch (NoSuchFileException e) {
            problems.add(jsonPath, reference + ": cannot read file: no such file");
        } catch (AccessDeniedException e) {
            problems.add(jsonPath, reference + ": cannot read file: permission denied");
        } catch (IOException e) {
            problems.add(jsonPath, reference + ": cannot read file: " + e.getClass().getSimpleName());
        }
        return null;
    }
}
