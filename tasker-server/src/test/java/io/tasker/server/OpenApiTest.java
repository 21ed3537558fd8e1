package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.server.api.OpenApi;
import io.tasker.server.api.RouteTable;
import io.tasker.testing.DatabaseTest;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes exactly the routes the server serves, with the same permissions. */
@DatabaseTest
class OpenApiTest {

    @Test
    void every_route_is_documented_and_every_documented_route_is_served(DataSource dataSource) {
        JsonNode document = OpenApi.document();
        Set<String> documented = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(method -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                documented.add(method + " " + path.getKey());
            }
        }));
        try (TaskerServer server = Servers.start(dataSource)) {
            Set<String> served = new TreeSet<>();
            for (RouteTable.Route route : server.routes()) {
                served.add(route.method() + " " + route.path());
                JsonNode operation = document.path("paths").path(route.path()).path(route.method());
                assertThat(operation.path("x-permission").asString(""))
                        .as("permission of " + route.method() + " " + route.path())
                        .isEqualTo(route.permission().map(p -> p.code()).orElse(""));
            }
            assertThat(served).isEqualTo(documented);
            ApiClient.Response response = new ApiClient(server.baseUrl()).get("/api-docs/openapi.json");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("openapi").asString()).startsWith("3.1");
        }
    }
}
