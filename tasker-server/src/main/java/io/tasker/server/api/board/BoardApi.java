package io.tasker.server.api.board;

import io.tasker.Tasker;
import io.tasker.board.Agent;
import io.tasker.board.Board;
import io.tasker.board.NotificationFeed;
import io.tasker.board.workflow.BoardStepHandler;
import io.tasker.board.workflow.WorkflowSteps;
import io.tasker.server.api.RouteTable;
import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board in a server: its REST API under {@code /v1/board}, the LISTEN connection that wakes live notification
 * streams, and its ties to the engine (the {@code board} step's completions and cancellations, lease expiry and
 * repairs on the scheduler's loop). Close it before the HTTP server stops, so that open streams end.
 */
public final class BoardApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BoardApi.class);

    private final Board board;
    /** Only in a process that serves the API: nobody else has a stream to wake, so no LISTEN connection either. */
    private final Optional<NotificationFeed> feed;

    private BoardApi(Board board, Optional<NotificationFeed> feed) {
        this.board = board;
        this.feed = feed;
    }

    /** The {@code board} step handler, to register with the engine before it starts. */
    public static BoardStepHandler stepHandler(DataSource dataSource, Clock clock) {
        return BoardStepHandler.of(dataSource, clock);
    }

    /**
     * The board tied to a started engine.
     *
     * @param servesApi whether this process serves the API: only then is the LISTEN connection for live notification
     *                  streams opened (a worker or scheduler process holds none)
     */
    public static BoardApi attach(Tasker tasker, DataSource dataSource, Clock clock, boolean servesApi) {
        WorkflowSteps workflow = new WorkflowSteps(new Jdbc(dataSource), tasker.parkedSteps(), (task, reason) -> {
            try {
                tasker.cancel(task, reason, Agent.BOARD);
            } catch (RuntimeException e) {
                log.info("Workflow task {} was not cancelled: {}", task, e.getMessage());
            }
        });
        Board board = Board.open(dataSource, clock, workflow);
        tasker.parkedSteps().onAbandoned(BoardStepHandler.PARK_KIND, step -> workflow.abandoned(board, step));
        tasker.addPeriodicWork(now -> {
            board.claims().expireAllDue();
            return workflow.reconcile(board, now);
        });
        return new BoardApi(board, servesApi ? Optional.of(NotificationFeed.start(dataSource)) : Optional.empty());
    }

    public void register(RouteTable routes) {
        new BoardTaskRoutes(board).register(routes);
        new BoardWorkRoutes(board).register(routes);
        new BoardStream(board, feed.orElseThrow(() -> new IllegalStateException(
                "the board's routes need its notification feed: attach it with servesApi"))).register(routes);
    }

    public Board board() {
        return board;
    }

    @Override
    public void close() {
        feed.ifPresent(NotificationFeed::close);
    }
}
