package io.tasker.signal;

import io.tasker.handler.WakeOutcome;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.Tx;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The signals a task received: the kept wake-ups of kind {@code signal}. */
final class SignalStore {

    private static final String RECEIVED = """
            SELECT wake_key, outcome, received_at, consumed_at, consumed_by_step FROM tasker.step_wakeups
            WHERE task_uuid = ? AND kind = ? ORDER BY received_at, wakeup_uuid
            """;

    private SignalStore() {
    }

    static List<Signals.Received> received(Tx tx, UUID taskUuid) {
        return tx.query(RECEIVED, row -> new Signals.Received(row.getString("wake_key"),
                WakeOutcome.fromJson(Rows.json(row, "outcome")) instanceof WakeOutcome.Complete complete
                        ? complete.result() : null,
                Rows.instant(row, "received_at"), Optional.ofNullable(Rows.instant(row, "consumed_at")),
                Optional.ofNullable(row.getObject("consumed_by_step", UUID.class))), taskUuid, SignalStep.KIND);
    }
}
