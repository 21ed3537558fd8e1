package io.tasker.engine;

import io.tasker.store.jdbc.Tx;
import io.tasker.task.TaskRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The {@link StepCommitHook}s of an engine, run by the {@link ResultWriter} for the outcomes it accepted. */
public final class StepCommitHooks {

    public static final StepCommitHooks NONE = new StepCommitHooks(List.of(), null);

    private final List<StepCommitHook> hooks;
    private final TaskCreator creator;

    public StepCommitHooks(List<StepCommitHook> hooks, TaskCreator creator) {
        this.hooks = List.copyOf(hooks);
        this.creator = creator;
    }

    void run(Tx tx, Instant now, List<ResultWriter.Success> successes, List<ResultWriter.Failure> failures,
             Set<UUID> accepted) {
        if (hooks.isEmpty() || accepted.isEmpty()) {
            return;
        }
        List<StepCommitHook.Outcome> outcomes = new ArrayList<>();
        for (ResultWriter.Success success : successes) {
            if (accepted.contains(success.write().stepUuid())) {
                outcomes.add(new StepCommitHook.Outcome.Succeeded(success.taskUuid(), success.write().stepUuid(),
                        attempt(success.metadata()), success.write().result()));
            }
        }
        for (ResultWriter.Failure failure : failures) {
            if (accepted.contains(failure.write().stepUuid())) {
                outcomes.add(new StepCommitHook.Outcome.Failed(failure.taskUuid(), failure.write().stepUuid(),
                        attempt(failure.metadata()), Optional.ofNullable(failure.write().nextRetryAt()),
                        failure.write().error()));
            }
        }
        StepCommitHook.Commit commit = new StepCommitHook.Commit() {
            @Override
            public Tx tx() {
                return tx;
            }

            @Override
            public Instant now() {
                return now;
            }

            @Override
            public List<StepCommitHook.Outcome> outcomes() {
                return List.copyOf(outcomes);
            }

            @Override
            public List<TaskCreator.Creation> createTasks(List<TaskRequest> requests) {
                return creator.createAll(tx, requests);
            }
        };
        hooks.forEach(hook -> hook.recorded(commit));
    }

    private static int attempt(tools.jackson.databind.JsonNode metadata) {
        return metadata == null ? 0 : metadata.path("attempt").asInt(0);
    }
}
