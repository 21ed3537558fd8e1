package io.tasker.data.operator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/** A committed input partition a run reads: its data file and when it was materialised. */
public record InputPartition(UUID datasetId, String partition, Path file, Instant materializedAt) {
}
