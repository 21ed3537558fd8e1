package io.tasker.engine;

import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.List;

/**
 * Told of the attempt results {@link ResultWriter} stored, in their transaction, so that what follows from a result
 * (the domain events its step publishes) commits with it or not at all.
 */
@FunctionalInterface
public interface RecordedResults {

    RecordedResults NONE = (tx, successes, failures, now) -> { };

    /** The successes and failures that were stored (their leases held). */
    void recorded(Tx tx, List<ResultWriter.Success> successes, List<ResultWriter.Failure> failures, Instant now);
}
