package io.tasker.state;

import static io.tasker.state.StepState.CANCELLED;
import static io.tasker.state.StepState.COMPLETE;
import static io.tasker.state.StepState.ENQUEUED;
import static io.tasker.state.StepState.ENQUEUED_AS_ERROR_FOR_ORCHESTRATION;
import static io.tasker.state.StepState.ENQUEUED_FOR_ORCHESTRATION;
import static io.tasker.state.StepState.ERROR;
import static io.tasker.state.StepState.IN_PROGRESS;
import static io.tasker.state.StepState.PENDING;
import static io.tasker.state.StepState.RESOLVED_MANUALLY;
import static io.tasker.state.StepState.WAITING_FOR_RETRY;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The allowed step transitions: the reference's table, except that an operator cannot move a step to the state it is
 * in already (cancelled, complete, resolved manually), which would only rewrite its history. See
 * docs/how-it-works.md, "Where our state machines differ from the reference".
 */
public final class StepStateMachine {

    private static final Map<StepState, Set<StepState>> ALLOWED = new EnumMap<>(StepState.class);

    static {
        allow(PENDING, ENQUEUED);                                   // enqueue (all parents satisfied)
        allow(ENQUEUED, IN_PROGRESS);                               // a worker claims it
        allow(IN_PROGRESS, ENQUEUED_FOR_ORCHESTRATION);             // handler succeeded
        allow(IN_PROGRESS, ENQUEUED_AS_ERROR_FOR_ORCHESTRATION);    // handler failed
        allow(ENQUEUED_FOR_ORCHESTRATION, COMPLETE);                // complete
        allow(ENQUEUED_FOR_ORCHESTRATION, ERROR);                   // fail
        allow(ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, ERROR);          // fail
        allow(ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, WAITING_FOR_RETRY); // wait for retry
        allow(ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, COMPLETE);       // complete
        for (StepState from : EnumSet.of(IN_PROGRESS, ENQUEUED, PENDING)) {
            allow(from, WAITING_FOR_RETRY);                         // wait for retry
            allow(from, ERROR);                                     // fail
        }
        allow(WAITING_FOR_RETRY, PENDING);                          // retry
        allow(ERROR, PENDING);                                      // retry / reset for retry (operator)
        for (StepState from : StepState.values()) {
            if (from != COMPLETE && from != RESOLVED_MANUALLY && from != CANCELLED) {
                allow(from, CANCELLED);                             // cancel
            }
            if (from != COMPLETE) {
                allow(from, COMPLETE);                              // complete manually (operator, with result)
            }
            if (from != RESOLVED_MANUALLY) {
                allow(from, RESOLVED_MANUALLY);                     // resolve manually (operator)
            }
        }
    }

    private StepStateMachine() {
    }

    public static boolean allows(StepState from, StepState to) {
        return ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    public static Set<StepState> next(StepState from) {
        Set<StepState> next = ALLOWED.get(from);
        return next == null ? Set.of() : Collections.unmodifiableSet(next);
    }

    public static void check(UUID stepUuid, StepState from, StepState to) {
        if (!allows(from, to)) {
            throw new IllegalTransitionException("step " + stepUuid + " cannot go from " + from.dbValue() + " to "
                    + to.dbValue());
        }
    }

    /** Checks every hop of a path from {@code from} through {@code states}. */
    public static void checkPath(UUID stepUuid, StepState from, List<StepState> states) {
        StepState current = from;
        for (StepState next : states) {
            check(stepUuid, current, next);
            current = next;
        }
    }

    private static void allow(StepState from, StepState to) {
        ALLOWED.computeIfAbsent(from, k -> EnumSet.noneOf(StepState.class)).add(to);
    }
}
