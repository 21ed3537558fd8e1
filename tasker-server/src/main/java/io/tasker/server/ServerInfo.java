package io.tasker.server;

import io.tasker.db.Migrations;
import io.tasker.json.Json;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Facts about a running server for {@code /health/detailed} and {@code /v1/system/info}. */
public record ServerInfo(String version, Set<Role> roles, List<String> namespaces, String environment,
                         String database, String serverVersion, DataSource dataSource) {

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("version", version);
        ArrayNode roleList = json.putArray("roles");
        roles.stream().sorted().forEach(role -> roleList.add(role.code()));
        ArrayNode namespaceList = json.putArray("namespaces");
        if (namespaces.isEmpty()) {
            namespaceList.add("*");
        } else {
            namespaces.forEach(namespaceList::add);
        }
        json.put("environment", environment);
        json.put("database", database);
        json.put("postgres_version", serverVersion);
        try {
            json.put("schema_version", Migrations.currentVersion(dataSource));
        } catch (RuntimeException e) {
            json.put("schema_version", "unknown");
        }
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            ObjectNode pool = json.putObject("pool");
            pool.put("active", hikari.getHikariPoolMXBean().getActiveConnections());
            pool.put("idle", hikari.getHikariPoolMXBean().getIdleConnections());
            pool.put("total", hikari.getHikariPoolMXBean().getTotalConnections());
            pool.put("max", hikari.getMaximumPoolSize());
        }
        return json;
    }
}
