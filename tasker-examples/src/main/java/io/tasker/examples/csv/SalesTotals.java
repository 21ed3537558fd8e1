package io.tasker.examples.csv;

import io.tasker.json.Json;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Running totals over sales rows: rows, units, revenue, and revenue by region. */
public record SalesTotals(long rows, long quantity, long revenueCents, Map<String, Long> revenueByRegion) {

    public static final SalesTotals NONE = new SalesTotals(0, 0, 0, Map.of());

    public SalesTotals {
        revenueByRegion = Map.copyOf(revenueByRegion);
    }

    public SalesTotals add(SaleRow row) {
        Map<String, Long> byRegion = new TreeMap<>(revenueByRegion);
        byRegion.merge(row.region(), row.revenueCents(), Long::sum);
        return new SalesTotals(rows + 1, quantity + row.quantity(), revenueCents + row.revenueCents(), byRegion);
    }

    public SalesTotals add(SalesTotals other) {
        Map<String, Long> byRegion = new TreeMap<>(revenueByRegion);
        other.revenueByRegion.forEach((region, cents) -> byRegion.merge(region, cents, Long::sum));
        return new SalesTotals(rows + other.rows, quantity + other.quantity, revenueCents + other.revenueCents,
                byRegion);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("rows", rows);
        json.put("quantity", quantity);
        json.put("revenue_cents", revenueCents);
        ObjectNode regions = json.putObject("revenue_by_region");
        new TreeMap<>(revenueByRegion).forEach(regions::put);
        return json;
    }

    public static SalesTotals fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            return NONE;
        }
        Map<String, Long> byRegion = new TreeMap<>();
        json.path("revenue_by_region").properties().forEach(e -> byRegion.put(e.getKey(), e.getValue().asLong()));
        return new SalesTotals(json.path("rows").asLong(), json.path("quantity").asLong(),
                json.path("revenue_cents").asLong(), byRegion);
    }
}
