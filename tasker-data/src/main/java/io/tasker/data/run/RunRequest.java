package io.tasker.data.run;

import io.tasker.InvalidInputException;
import java.util.List;
import java.util.Optional;

/**
 * A manual run or backfill: the partitions (listed, or a range {@code from}..{@code to} of the job's partitioning),
 * which of them to run ({@code missing}: not materialised; {@code failed}: whose last run failed; {@code all}), and
 * how many runs may be queued or running at once.
 */
public record RunRequest(List<String> partitions, Optional<String> from, Optional<String> to, String mode,
                         int maxConcurrency) {

    public static final List<String> MODES = List.of("missing", "failed", "all");
    public static final int DEFAULT_MAX_CONCURRENCY = 10;
    public static final int MAX_PARTITIONS = 10_000;

    public RunRequest {
        partitions = List.copyOf(partitions);
        if (!MODES.contains(mode)) {
            throw new InvalidInputException("mode: must be missing, failed or all");
        }
        if (maxConcurrency < 1 || maxConcurrency > 1000) {
            throw new InvalidInputException("max_concurrency: must be between 1 and 1000");
        }
        if (partitions.isEmpty() == from.isEmpty() || from.isPresent() != to.isPresent()) {
            throw new InvalidInputException("partitions: give a list of partitions or a range {from, to}");
        }
    }
}
