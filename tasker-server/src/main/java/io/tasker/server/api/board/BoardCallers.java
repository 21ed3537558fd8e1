package io.tasker.server.api.board;

import io.javalin.http.Context;
import io.tasker.board.Agent;
import io.tasker.board.Board;
import io.tasker.identity.User;
import io.tasker.server.api.Callers;
import io.tasker.server.auth.Caller;

/**
 * Who acts on the board in a request: the agent named in {@value #HEADER} (the CLI sends {@code --agent} or
 * {@code TASKER_AGENT_ID} there), acting for the caller's user; without the header, the agent named after the user.
 */
final class BoardCallers {

    static final String HEADER = "X-Tasker-Agent";

    private BoardCallers() {
    }

    static Agent agent(Context ctx, Board board) {
        Caller caller = Callers.of(ctx);
        String named = ctx.header(HEADER);
        String name = named == null || named.isBlank() ? defaultName(caller) : named.strip();
        return board.agents().actingAs(caller.orgId(), caller.userId(), name);
    }

    /** The caller's own name: the user's external id, or a bootstrap key's name ({@code anonymous} when open). */
    private static String defaultName(Caller caller) {
        String name = caller.name();
        return name.startsWith(User.RESERVED_PREFIX) ? name.substring(User.RESERVED_PREFIX.length()) : name;
    }
}
