package io.tasker.dlq;

import io.tasker.store.rows.DlqReason;
import io.tasker.store.rows.DlqResolutionStatus;
import java.util.Optional;
import java.util.UUID;

/**
 * Which entries a listing shows; empty fields match everything. {@code orgId} keeps the entries of tasks whose
 * template namespace belongs to that org.
 */
public record DlqFilter(Optional<DlqResolutionStatus> status, Optional<DlqReason> reason, Optional<String> namespace,
                        Optional<UUID> orgId) {

    public static final DlqFilter ALL = new DlqFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public DlqFilter(Optional<DlqResolutionStatus> status, Optional<DlqReason> reason, Optional<String> namespace) {
        this(status, reason, namespace, Optional.empty());
    }

    /** The same filter, limited to one org's entries. */
    public DlqFilter inOrg(UUID org) {
        return new DlqFilter(status, reason, namespace, Optional.of(org));
    }
}
