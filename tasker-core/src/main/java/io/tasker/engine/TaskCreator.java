package io.tasker.engine;

import io.tasker.engine.decision.StepExpansion;
import io.tasker.engine.decision.StepSnapshot;
import io.tasker.engine.decision.TaskDecider;
import io.tasker.engine.decision.TaskDecision;
import io.tasker.engine.decision.TaskPlan;
import io.tasker.engine.decision.TaskSnapshot;
import io.tasker.engine.store.Notifications;
import io.tasker.engine.store.StepInserts;
import io.tasker.engine.store.TaskInserts;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.engine.store.TransitionWriter.StepPath;
import io.tasker.engine.store.TransitionWriter.TaskPath;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.Ids;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import io.tasker.store.rows.TaskRow;
import io.tasker.store.rows.WorkflowStepRow;
import io.tasker.task.CreatedTask;
import io.tasker.task.DuplicateTaskException;
import io.tasker.task.TaskDetail;
import io.tasker.task.TaskRequest;
import io.tasker.template.RegisteredTemplate;
import io.tasker.template.StepTemplate;
import io.tasker.template.TemplateRegistry;
import io.tasker.template.Throttle;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Creates tasks: in one transaction the task rows, their steps, edges and first transitions, with the steps that
 * can run at once already enqueued. Many requests can share one transaction ({@link #createAll}).
 */
public final class TaskCreator {

    /** One request's outcome in {@link #createAll}: created, or a duplicate of an existing task. */
    public sealed interface Creation {
        record Created(CreatedTask task) implements Creation {
        }

        record Duplicate(UUID existingTaskUuid) implements Creation {
        }
    }

    private final Jdbc jdbc;
    private final TemplateRegistry templates;
    private final TransitionWriter transitions;
    private final TaskRequestValidator validator;
    private final Clock clock;
    private final EngineEvents events;
    private final Consumer<Set<String>> onStepsReady;

    public TaskCreator(Jdbc jdbc, TemplateRegistry templates, TransitionWriter transitions,
                       TaskRequestValidator validator, Clock clock, EngineEvents events,
                       Consumer<Set<String>> onStepsReady) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.transitions = transitions;
        this.validator = validator;
        this.clock = clock;
        this.events = events;
        this.onStepsReady = onStepsReady;
    }

    /** Creates one task; a duplicate identity throws {@link DuplicateTaskException}. */
    public CreatedTask create(TaskRequest request) {
        Creation creation = createAll(List.of(request)).get(0);
        if (creation instanceof Creation.Duplicate duplicate) {
            throw new DuplicateTaskException(duplicate.existingTaskUuid());
        }
        return ((Creation.Created) creation).task();
    }

    /**
     * Creates one task and returns its detail made from the rows just written (no read after the commit); a
     * duplicate identity throws {@link DuplicateTaskException}.
     */
    public TaskDetail createDescribed(TaskRequest request) {
        Prepared p = prepare(request);
        Instant now = clock.instant();
        Written written = jdbc.inTransaction(tx -> write(tx, List.of(p), now, true));
        if (!written.enqueuedNamespaces().isEmpty()) {
            onStepsReady.accept(written.enqueuedNamespaces());
        }
        if (creations(List.of(p), written).get(0) instanceof Creation.Duplicate duplicate) {
            throw new DuplicateTaskException(duplicate.existingTaskUuid());
        }
        return written.details().get(p.taskUuid());
    }

    /** Creates many tasks in one transaction; the result has one entry per request, in order. */
    public List<Creation> createAll(List<TaskRequest> requests) {
        List<Prepared> prepared = new ArrayList<>();
        for (TaskRequest request : requests) {
            prepared.add(prepare(request));
        }
        Instant now = clock.instant();
        Written written = jdbc.inTransaction(tx -> write(tx, prepared, now, false));
        if (!written.enqueuedNamespaces().isEmpty()) {
            onStepsReady.accept(written.enqueuedNamespaces());
        }
        return creations(prepared, written);
    }

    /**
     * Creates tasks in the caller's transaction (e.g. the one that claims the cron tick starting them), so they
     * commit with it; workers hear of their ready steps by NOTIFY when it commits.
     */
    public List<Creation> createAll(Tx tx, List<TaskRequest> requests) {
        List<Prepared> prepared = new ArrayList<>();
        for (TaskRequest request : requests) {
            prepared.add(prepare(request));
        }
        return creations(prepared, write(tx, prepared, clock.instant(), false));
    }

    private List<Creation> creations(List<Prepared> prepared, Written written) {
        List<Creation> creations = new ArrayList<>();
        for (Prepared p : prepared) {
            UUID existing = written.duplicates().get(p.identityHash());
            if (existing != null && !written.created().containsKey(p.taskUuid())) {
                creations.add(new Creation.Duplicate(existing));
            } else {
                events.taskCreated(p.template().key().namespace());
                creations.add(new Creation.Created(written.created().get(p.taskUuid())));
            }
        }
        return creations;
    }

    private record Prepared(TaskRequest request, RegisteredTemplate template, UUID taskUuid, UUID correlationId,
                            String identityHash, List<StepTemplate> steps, Map<String, UUID> stepUuids) {
    }

    private record Written(Map<UUID, CreatedTask> created, Map<String, UUID> duplicates,
                           Set<String> enqueuedNamespaces, Map<UUID, TaskDetail> details) {
    }

    private Prepared prepare(TaskRequest request) {
        validator.checkShape(request);
        RegisteredTemplate template = templates.resolve(request.namespace(), request.name(), request.version());
        validator.checkContext(request, template);
        UUID taskUuid = request.taskUuid().orElseGet(Ids::next);
        String identity = TaskIdentity.hash(template.namedTaskUuid(), template.key(),
                template.template().identityStrategy(), request.idempotencyKey(), request.context(), taskUuid);
        List<StepTemplate> steps = TaskPlan.initialSteps(template.template());
        Map<String, UUID> stepUuids = new LinkedHashMap<>();
        steps.forEach(step -> stepUuids.put(step.name(), Ids.next()));
        return new Prepared(request, template, taskUuid, request.correlationId().orElseGet(Ids::next), identity, steps,
                stepUuids);
    }

    /** Writes the tasks; with {@code describe}, the rows come back as written and make each task's detail. */
    private Written write(Tx tx, List<Prepared> prepared, Instant now, boolean describe) {
        TaskInserts tasks = new TaskInserts();
        prepared.forEach(p -> tasks.task(p.taskUuid(), p.template().namedTaskUuid(), p.request(), p.identityHash(),
                p.correlationId()));
        Map<UUID, TaskRow> taskRows = describe ? tasks.insertReturningRows(tx, now) : Map.of();
        Set<UUID> inserted = describe ? taskRows.keySet() : tasks.insert(tx, now);
        Map<String, UUID> duplicates = TaskInserts.existing(tx, prepared.stream()
                .filter(p -> !inserted.contains(p.taskUuid())).map(Prepared::identityHash).toList());
        StepInserts steps = new StepInserts();
        List<StepPath> stepPaths = new ArrayList<>();
        List<TaskPath> taskPaths = new ArrayList<>();
        Map<UUID, CreatedTask> created = new LinkedHashMap<>();
        Set<String> enqueuedNamespaces = new java.util.LinkedHashSet<>();
        Map<UUID, Instant> delayed = new LinkedHashMap<>();
        Map<UUID, String> webhooks = new LinkedHashMap<>();
        for (Prepared p : prepared) {
            if (!inserted.contains(p.taskUuid())) {
                continue;
            }
            p.request().onCompleteUrl().ifPresent(url -> webhooks.put(p.taskUuid(), url));
            // A task to start later stays pending, none of its steps enqueued, until the scheduler starts it.
            boolean later = p.request().runAt().filter(now::isBefore).isPresent();
            if (later) {
                delayed.put(p.taskUuid(), p.request().runAt().get());
            }
            TaskDecision decision = later ? TaskDecision.NOTHING : TaskDecider.decide(initialSnapshot(p), now);
            Set<UUID> ready = new HashSet<>();
            decision.stepsToEnqueue().forEach(s -> ready.add(s.stepUuid()));
            String namespace = p.template().key().namespace();
            for (StepTemplate step : p.steps()) {
                UUID stepUuid = p.stepUuids().get(step.name());
                boolean enqueued = ready.contains(stepUuid);
                steps.step(stepUuid, p.taskUuid(), p.template().namedStepUuid(step.name()), step,
                        p.request().priority(), namespace, enqueued ? now : null, null,
                        Throttle.of(p.template().template(), step, p.request().context()));
                for (String dependency : step.dependencies()) {
                    UUID parent = p.stepUuids().get(dependency);
                    if (parent != null) {
                        steps.edge(parent, stepUuid, StepExpansion.PROVIDES);
                    }
                }
                stepPaths.add(new StepPath(stepUuid, StepState.PENDING,
                        enqueued ? List.of(StepState.PENDING, StepState.ENQUEUED) : List.of(StepState.PENDING), null));
            }
            if (!ready.isEmpty()) {
                enqueuedNamespaces.add(namespace);
            }
            List<TaskState> path = new ArrayList<>(List.of(TaskState.PENDING));
            path.addAll(decision.taskPath());
            taskPaths.add(new TaskPath(p.taskUuid(), TaskState.PENDING, path, null));
            created.put(p.taskUuid(), new CreatedTask(p.taskUuid(), p.correlationId(),
                    decision.finalState(TaskState.PENDING), p.stepUuids()));
        }
        List<WorkflowStepRow> stepRows = describe ? steps.insertReturningRows(tx, now) : List.of();
        if (!describe) {
            steps.insert(tx, now);
        }
        TaskInserts.webhooksAndDelays(tx, webhooks, delayed);
        transitions.writeFirstStepTransitions(tx, stepPaths, now);
        transitions.writeFirstTaskTransitions(tx, taskPaths, now);
        Notifications.stepsReady(tx, enqueuedNamespaces);
        Map<UUID, TaskDetail> details = new LinkedHashMap<>();
        for (Prepared p : prepared) {
            if (describe && created.containsKey(p.taskUuid())) {
                details.put(p.taskUuid(), describe(p, taskRows.get(p.taskUuid()), created.get(p.taskUuid()).state(),
                        stepRows));
            }
        }
        return new Written(created, duplicates, enqueuedNamespaces, details);
    }

    private static TaskDetail describe(Prepared p, TaskRow task, TaskState state, List<WorkflowStepRow> stepRows) {
        Map<UUID, String> names = new LinkedHashMap<>();
        p.stepUuids().forEach((name, uuid) -> names.put(uuid, name));
        Map<String, List<String>> parents = new LinkedHashMap<>();
        for (StepTemplate step : p.steps()) {
            parents.put(step.name(), step.dependencies().stream().filter(p.stepUuids()::containsKey).toList());
        }
        return CreatedDetail.of(task, p.template().key(), state,
                stepRows.stream().filter(row -> row.taskUuid().equals(p.taskUuid())).toList(), names, parents);
    }

    private static TaskSnapshot initialSnapshot(Prepared p) {
        List<StepSnapshot> steps = new ArrayList<>();
        for (StepTemplate step : p.steps()) {
            Set<UUID> parents = new HashSet<>();
            step.dependencies().forEach(d -> Optional.ofNullable(p.stepUuids().get(d)).ifPresent(parents::add));
            steps.add(new StepSnapshot(p.stepUuids().get(step.name()), step.name(), StepState.PENDING, 0,
                    step.retry().maxAttempts(), step.retry().retryable(), Optional.empty(), parents));
        }
        return new TaskSnapshot(p.taskUuid(), p.template().key().namespace(), TaskState.PENDING, steps);
    }
}
