package io.tasker.server.api.board;

import io.tasker.board.Board;
import io.tasker.board.NotificationFeed;
import io.tasker.server.api.RouteTable;
import javax.sql.DataSource;

/**
 * The board's REST API under {@code /v1/board}: its routes and the LISTEN connection that wakes live notification
 * streams. Close it before the HTTP server stops, so that open streams end.
 */
public final class BoardApi implements AutoCloseable {

    private final Board board;
    private final NotificationFeed feed;

    public BoardApi(Board board, DataSource dataSource) {
        this.board = board;
        this.feed = NotificationFeed.start(dataSource);
    }

    public void register(RouteTable routes) {
        new BoardTaskRoutes(board).register(routes);
        new BoardWorkRoutes(board).register(routes);
        new BoardStream(board, feed).register(routes);
    }

    public Board board() {
        return board;
    }

    @Override
    public void close() {
        feed.close();
    }
}
