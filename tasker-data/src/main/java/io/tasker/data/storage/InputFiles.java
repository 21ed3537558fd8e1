package io.tasker.data.storage;

import io.tasker.data.dag.PartitionSpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files the {@code file} operator reads: a path pattern relative to the input root ({@code data.input_root}),
 * with {@code {partition}} (and for ranges {@code {start}} and {@code {end}}) replaced by the partition being
 * materialised, and {@code *} wildcards allowed. Nothing outside the input root can be named.
 */
public final class InputFiles {

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.*={}/-]{1,512}");

    private final Path root;

    public InputFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Why a configured path pattern is not usable, if it is not. */
    public static Optional<String> problem(String pattern) {
        if (!PATTERN.matcher(pattern).matches()) {
            return Optional.of("must be a relative path of letters, digits and _ . * = - / with {partition}");
        }
        if (pattern.startsWith("/") || pattern.contains("..") || pattern.contains("//")) {
            return Optional.of("must stay under the input root (no leading /, no ..)");
        }
        String rest = pattern.replace("{partition}", "").replace("{start}", "").replace("{end}", "");
        if (rest.contains("{") || rest.contains("}")) {
            return Optional.of("knows only the placeholders {partition}, {start} and {end}");
        }
        return Optional.empty();
    }

    /** The absolute path (or glob) for one partition. */
    public Path forPartition(String pattern, String partition) {
        if (problem(pattern).isPresent() || !PartitionSpec.isValidKey(partition)) {
            throw new IllegalArgumentException("bad input path " + pattern + " for partition " + partition);
        }
        int dash = partition.indexOf('-', 1);
        String start = dash > 0 ? partition.substring(0, dash) : partition;
        String end = dash > 0 ? partition.substring(dash + 1) : partition;
        Path path = root.resolve(pattern.replace("{partition}", partition).replace("{start}", start)
                .replace("{end}", end)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("input path " + pattern + " leaves the input root");
        }
        return path;
    }
}
