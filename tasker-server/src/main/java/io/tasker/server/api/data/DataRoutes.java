package io.tasker.server.api.data;

import io.tasker.data.DataPipelines;
import io.tasker.server.api.RouteTable;

/** Every REST route of the data layer, registered together so the server wires the layer in one line. */
public final class DataRoutes {

    private DataRoutes() {
    }

    public static void register(RouteTable routes, DataPipelines data) {
        new DagRoutes(data).register(routes);
        new RunRoutes(data).register(routes);
        new DatasetRoutes(data).register(routes);
        new QueryRoutes(data).register(routes);
        new LineageRoutes(data).register(routes);
        new InvalidationRoutes(data).register(routes);
        new InvalidationListRoutes(data).register(routes);
    }
}
