package io.tasker.board;

import java.util.Optional;
import java.util.UUID;

/**
 * Who acts on the board: a named agent of an org, acting for a user. A person acts as the agent named after their
 * user; a program runs as any number of named agents under its user's key ({@code --agent} or
 * {@code TASKER_AGENT_ID}). A name is bound to the first user that acts as it, so nobody else can act under it.
 *
 * @param user the user whose credentials act as this agent; empty for the workflow engine's own agent
 */
public record Agent(UUID orgId, String name, Optional<UUID> user) {

    /** The agent the workflow engine acts as when a {@code board} step creates or watches a task. */
    public static final String WORKFLOW = "tasker:workflow";
    /** The agent the board itself acts as (e.g. when a lease lapses). */
    public static final String BOARD = "tasker:board";
    /** Names starting with this are the engine's own; callers cannot act under them. */
    public static final String RESERVED_PREFIX = "tasker:";

    /** The board's own agent in an org. */
    public static Agent board(UUID orgId) {
        return new Agent(orgId, BOARD, Optional.empty());
    }

    /** The workflow engine's agent in an org. */
    public static Agent workflow(UUID orgId) {
        return new Agent(orgId, WORKFLOW, Optional.empty());
    }
}
