package io.tasker.data.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where datasets live: under the storage root, {@code <dataset>/<version>/<partition>/<run>-a<attempt>/data.parquet}.
 * Each attempt writes its own directory (a staging path nobody reads); a partition is published by pointing its
 * {@code partition_versions} row at that directory, in the transaction that records the attempt's success. So a
 * crashed or late attempt can leave files behind but never a published half-partition, and the layout needs no
 * rename (an object store such as S3 can take the file system's place).
 */
public final class Storage {

    public static final String DATA_FILE = "data.parquet";
    public static final String SUCCESS_MARKER = "_SUCCESS";
    private static final Pattern ATTEMPT_DIR = Pattern.compile("([0-9a-f-]{36})-a(\\d+)");

    private final Path root;

    public Storage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A dataset version's directory, relative to the root. */
    public static String versionLocation(String dataset, UUID version) {
        return dataset + "/" + version;
    }

    /** An attempt's directory for one partition, relative to the root. */
    public static String attemptLocation(String versionLocation, String partition, UUID run, int attempt) {
        return versionLocation + "/" + partition + "/" + run + "-a" + attempt;
    }

    /** A location under the root; anything that would leave the root is refused. */
    public Path resolve(String location) {
        Path path = root.resolve(location).normalize();
        if (!path.startsWith(root) || location.startsWith("/")) {
            throw new IllegalArgumentException("location " + location + " is outside the storage root");
        }
        return path;
    }

    public Path dataFile(String location) {
        return resolve(location).resolve(DATA_FILE);
    }

    /** Makes an attempt's directory, emptied of whatever an earlier try of the same attempt left. */
    public Path prepareAttempt(String location) {
        Path directory = resolve(location);
        deleteTree(directory);
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    /** Marks an attempt's directory complete; readers never rely on it (the metadata is the commit). */
    public void markComplete(String location, String text) {
        try {
            Files.writeString(resolve(location).resolve(SUCCESS_MARKER), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes what earlier attempts of the same run left in a partition's directory: an attempt that is no longer
     * the run's latest can never be published (its result is fenced off), so its files are garbage.
     */
    public int removeEarlierAttempts(String versionLocation, String partition, UUID run, int attempt) {
        Path partitionDirectory = resolve(versionLocation + "/" + partition);
        if (!Files.isDirectory(partitionDirectory)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> children = Files.list(partitionDirectory)) {
            for (Path child : children.toList()) {
                Matcher m = ATTEMPT_DIR.matcher(child.getFileName().toString());
                if (m.matches() && m.group(1).equals(run.toString()) && Integer.parseInt(m.group(2)) < attempt) {
                    deleteTree(child);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    /** The attempt directories under a partition's directory (published or not), for tests and cleanup. */
    public List<Path> attemptDirectories(String versionLocation, String partition) {
        Path partitionDirectory = resolve(versionLocation + "/" + partition);
        if (!Files.isDirectory(partitionDirectory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(partitionDirectory)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
