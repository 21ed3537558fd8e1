package io.tasker.board.workflow;

import io.tasker.board.Agent;
import io.tasker.board.Board;
import io.tasker.board.BoardEvents;
import io.tasker.board.BoardTask;
import io.tasker.board.TaskStatus;
import io.tasker.handler.WakeOutcome;
import io.tasker.json.Json;
import io.tasker.park.ParkKey;
import io.tasker.park.ParkedStep;
import io.tasker.park.ParkedSteps;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps board tasks and the workflow steps they stand for in step. Completing the board task wakes the parked step
 * in the same transaction, with the summary as its result. Cancelling the board task cancels the workflow task once
 * the cancel committed; cancelling the workflow task (or the step stopping its wait otherwise) cancels the board
 * task. {@link #reconcile} repairs what a crash between the two left undone; it runs on the scheduler's loop.
 */
public final class WorkflowSteps implements BoardEvents {

    private static final Logger log = LoggerFactory.getLogger(WorkflowSteps.class);

    /** A board task's workflow step. */
    record Link(String taskId, UUID orgId, UUID workflowTask, UUID workflowStep) {
    }

    private final Jdbc jdbc;
    private final ParkedSteps parked;
    private final BiConsumer<UUID, String> cancelWorkflowTask;

    /**
     * @param cancelWorkflowTask cancels a workflow task with a reason (the engine's {@code Tasker#cancel})
     */
    public WorkflowSteps(Jdbc jdbc, ParkedSteps parked, BiConsumer<UUID, String> cancelWorkflowTask) {
        this.jdbc = jdbc;
        this.parked = parked;
        this.cancelWorkflowTask = cancelWorkflowTask;
    }

    @Override
    public void finished(Tx tx, Agent agent, BoardTask task) {
        if (task.status() != TaskStatus.COMPLETED) {
            return;
        }
        link(tx, task.id()).ifPresent(link -> parked.wake(tx, key(link), WakeOutcome.complete(result(task, agent))));
    }

    @Override
    public void committed(Agent agent, BoardTask task) {
        if (task.status() == TaskStatus.CANCELLED) {
            jdbc.withConnection(tx -> link(tx, task.id())).ifPresent(link -> cancelWorkflowTask.accept(
                    link.workflowTask(), "board task " + task.id() + " was cancelled by " + agent.name()
                            + task.summary().map(r -> ": " + r).orElse("")));
        }
    }

    /** The step stopped waiting without its board task finishing (its workflow task was cancelled, say). */
    public void abandoned(Board board, ParkedStep step) {
        Optional<Link> link = jdbc.withConnection(tx -> link(tx, step.key().key()));
        link.ifPresent(l -> {
            BoardTask task = board.tasks().get(l.orgId(), l.taskId());
            if (!task.status().isFinal()) {
                board.transitions().cancel(Agent.workflow(l.orgId()), l.taskId(),
                        Optional.of("its workflow task " + l.workflowTask() + " stopped waiting for it"));
            }
        });
    }

    /**
     * Finishes what a crash or a race left half done: steps still waiting for a board task that is completed (woken
     * now) or cancelled (their workflow task is cancelled now), and open board tasks whose step no longer waits (its
     * workflow task was cancelled before the step parked, say: the board task is cancelled now).
     */
    public Optional<Instant> reconcile(Board board, Instant now) {
        for (Link link : stuck("completed")) {
            jdbc.runInTransaction(tx -> parked.wake(tx, key(link), WakeOutcome.complete(summaryOnly(tx, link))));
            log.info("Woke workflow step {} for completed board task {}", link.workflowStep(), link.taskId());
        }
        for (Link link : stuck("cancelled")) {
            cancelWorkflowTask.accept(link.workflowTask(), "board task " + link.taskId() + " was cancelled");
        }
        for (Link link : orphaned()) {
            board.transitions().cancel(Agent.workflow(link.orgId()), link.taskId(),
                    Optional.of("its workflow step " + link.workflowStep() + " no longer waits for it"));
        }
        return Optional.empty();
    }

    /** Open board tasks whose workflow step has finished without them. */
    private List<Link> orphaned() {
        return jdbc.query("""
                SELECT s.task_id, s.org_id, s.workflow_task_uuid, s.workflow_step_uuid
                FROM tasker_board.workflow_steps s
                JOIN tasker_board.tasks t ON t.id = s.task_id
                JOIN tasker.workflow_steps w ON w.workflow_step_uuid = s.workflow_step_uuid
                WHERE t.status NOT IN ('completed', 'cancelled')
                  AND w.current_state IN ('complete', 'error', 'cancelled', 'resolved_manually')
                LIMIT 100
                """, row -> new Link(row.getString(1), row.getObject(2, UUID.class), row.getObject(3, UUID.class),
                row.getObject(4, UUID.class)));
    }

    private List<Link> stuck(String status) {
        return jdbc.query("""
                SELECT s.task_id, s.org_id, s.workflow_task_uuid, s.workflow_step_uuid
                FROM tasker_board.workflow_steps s
                JOIN tasker_board.tasks t ON t.id = s.task_id
                JOIN tasker.parked_steps p ON p.workflow_step_uuid = s.workflow_step_uuid
                WHERE t.status = ?::tasker_board.task_status AND p.kind = 'board'
                LIMIT 100
                """, row -> new Link(row.getString(1), row.getObject(2, UUID.class), row.getObject(3, UUID.class),
                row.getObject(4, UUID.class)), status);
    }

    private static ObjectNode summaryOnly(Tx tx, Link link) {
        ObjectNode result = Json.object();
        result.put("board_task_id", link.taskId());
        result.put("summary", tx.queryOne("SELECT summary FROM tasker_board.tasks WHERE id = ?", row -> row.getString(1),
                link.taskId()).orElse(null));
        return result;
    }

    private static ObjectNode result(BoardTask task, Agent agent) {
        ObjectNode result = Json.object();
        result.put("board_task_id", task.id());
        result.put("summary", task.summary().orElse(null));
        result.put("completed_by", agent.name());
        result.put("completed_at", task.completedAt().map(Instant::toString).orElse(null));
        return result;
    }

    private static Optional<Link> link(Tx tx, String taskId) {
        return tx.queryOne("""
                SELECT task_id, org_id, workflow_task_uuid, workflow_step_uuid FROM tasker_board.workflow_steps
                WHERE task_id = ?
                """, row -> new Link(row.getString(1), row.getObject(2, UUID.class), row.getObject(3, UUID.class),
                row.getObject(4, UUID.class)), taskId);
    }

    private static ParkKey key(Link link) {
        return new ParkKey(link.workflowTask(), BoardStepHandler.PARK_KIND, link.taskId());
    }
}
