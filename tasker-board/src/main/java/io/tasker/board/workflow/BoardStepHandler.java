package io.tasker.board.workflow;

import io.tasker.InvalidInputException;
import io.tasker.board.Agent;
import io.tasker.board.Board;
import io.tasker.board.BoardTask;
import io.tasker.board.ContextLog;
import io.tasker.board.ContextType;
import io.tasker.board.NewTask;
import io.tasker.board.Priority;
import io.tasker.handler.PermanentError;
import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.identity.Identity;
import io.tasker.identity.Tenancy;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The built-in {@code board} step: a human or agent step of a workflow. It creates a board task in the workflow's
 * org (from {@code initialization}: {@code title}, {@code description}, {@code priority}, and {@code assignee} or
 * {@code role}), shares the step's inputs on it, and parks the step until the task is completed (the step completes
 * with the completion summary) or cancelled (the workflow task is cancelled). Every part is keyed by the step, so a
 * retried attempt finds what the first one made.
 */
public final class BoardStepHandler implements StepHandler {

    /** The handler name templates use: {@code handler: {callable: board, initialization: {...}}}. */
    public static final String NAME = "board";
    /** The kind of the parked step; its key is the board task's id. */
    public static final String PARK_KIND = "board";

    private final Board board;
    private final Tenancy tenancy;
    private final Jdbc jdbc;

    public BoardStepHandler(Board board, Tenancy tenancy, Jdbc jdbc) {
        this.board = board;
        this.tenancy = tenancy;
        this.jdbc = jdbc;
    }

    /** The handler on a database (its board needs no events: completions are seen by the server's board). */
    public static BoardStepHandler of(DataSource dataSource, Clock clock) {
        return new BoardStepHandler(Board.open(dataSource, clock), Identity.of(dataSource, clock, Set.of()).tenancy(),
                new Jdbc(dataSource));
    }

    @Override
    public StepResult handle(StepContext ctx) {
        UUID org = tenancy.orgOfTask(ctx.taskUuid())
                .orElseThrow(() -> new PermanentError("task " + ctx.taskUuid() + " has no org"));
        Agent workflow = Agent.workflow(org);
        // checked before anything is written: a board task whose inputs the board then refuses would be left behind
        String shared = Json.write(inputs(ctx));
        if (shared.length() > ContextLog.MAX_CONTENT) {
            throw new PermanentError("board step '" + ctx.stepName() + "': its inputs (the task's context, the step's"
                    + " inputs and earlier results) are " + shared.length() + " characters as JSON; the board keeps at"
                    + " most " + ContextLog.MAX_CONTENT + " per entry");
        }
        BoardTask task;
        try {
            task = board.tasks().create(workflow, request(ctx));
        } catch (InvalidInputException bad) {
            throw new PermanentError("board step '" + ctx.stepName() + "': " + bad.getMessage(), bad);
        }
        jdbc.update("""
                INSERT INTO tasker_board.workflow_steps (task_id, org_id, workflow_task_uuid, workflow_step_uuid,
                    created_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, task.id(), org, ctx.taskUuid(), ctx.stepUuid(), ctx.now().atOffset(ZoneOffset.UTC));
        board.context().write(workflow, task.id(), ContextType.SHARED, shared,
                Optional.of("step-" + ctx.stepUuid() + "-inputs"));
        return StepResult.park(PARK_KIND, task.id()).details(Map.of("board_task_id", task.id(),
                "title", task.title()));
    }

    private static NewTask request(StepContext ctx) {
        JsonNode init = ctx.initialization();
        String title = text(init, "title").orElse(ctx.stepName() + " (" + ctx.namespace() + "/" + ctx.taskName() + ")");
        String description = text(init, "description").orElse("A step of workflow task " + ctx.taskUuid()
                + "; complete this board task to complete the step (its summary becomes the step's result).");
        Priority priority = text(init, "priority").map(Priority::parse).orElse(Priority.MEDIUM);
        return new NewTask(title, Optional.of(description), priority, text(init, "assignee"), List.of(), List.of(),
                Optional.of("step-" + ctx.stepUuid()), text(init, "role"));
    }

    /** What the person or agent needs to decide: the workflow's input, this step's inputs, earlier results. */
    private static ObjectNode inputs(StepContext ctx) {
        ObjectNode json = Json.object();
        json.put("workflow_task", ctx.taskUuid().toString());
        json.put("step", ctx.stepName());
        json.set("context", ctx.taskContext());
        json.set("inputs", ctx.inputs());
        ObjectNode results = json.putObject("results");
        ctx.dependencyResults().forEach(results::set);
        return json;
    }

    private static Optional<String> text(JsonNode init, String field) {
        JsonNode value = init.path(field);
        return value.isString() && !value.asString().isBlank() ? Optional.of(value.asString()) : Optional.empty();
    }

}
