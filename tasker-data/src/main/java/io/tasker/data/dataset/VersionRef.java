package io.tasker.data.dataset;

import java.util.UUID;

/** One version of a dataset as a job reads or writes it. */
public record VersionRef(String dataset, UUID datasetId, UUID versionId, String storageLocation) {
}
