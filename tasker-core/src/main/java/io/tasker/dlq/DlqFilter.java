package io.tasker.dlq;

import io.tasker.store.rows.DlqReason;
import io.tasker.store.rows.DlqResolutionStatus;
import java.util.Optional;

/** Which entries a listing shows; empty fields match everything. */
public record DlqFilter(Optional<DlqResolutionStatus> status, Optional<DlqReason> reason, Optional<String> namespace) {

    public static final DlqFilter ALL = new DlqFilter(Optional.empty(), Optional.empty(), Optional.empty());
}
