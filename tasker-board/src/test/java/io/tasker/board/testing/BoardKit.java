package io.tasker.board.testing;

import io.tasker.board.Agent;
import io.tasker.board.Board;
import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.identity.User;
import io.tasker.testing.MutableClock;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** A board on the test database with a clock tests move, and agents that are users of the default org. */
public final class BoardKit {

    public final MutableClock clock = new MutableClock(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    public final Board board;
    private final Identity identity;

    public BoardKit(DataSource dataSource) {
        this.board = Board.open(dataSource, clock);
        this.identity = Identity.of(dataSource, clock, Set.of());
    }

    /** A worker user named {@code name} acting as the agent of the same name. */
    public Agent agent(String name) {
        User user = identity.users().findByExternalId(name).orElseGet(() -> identity.users().create(Org.DEFAULT_ID,
                name, Optional.empty(), BuiltInRole.WORKER, Optional.empty()));
        return board.agents().actingAs(Org.DEFAULT_ID, user.id(), name);
    }

    /** A named agent acting under {@code owner}'s user. */
    public Agent agentOf(Agent owner, String name) {
        return board.agents().actingAs(Org.DEFAULT_ID, owner.user().orElseThrow(), name);
    }
}
