package io.tasker.data.query;

import io.tasker.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** DuckDB values as JSON: numbers and booleans as such, everything else (dates, lists, ...) as its text. */
final class QueryValues {

    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();

    private QueryValues() {
    }

    static JsonNode json(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s);
            case Byte b -> NODES.numberNode(b);
            case Double d -> d.isNaN() || d.isInfinite() ? NODES.stringNode(d.toString()) : NODES.numberNode(d);
            case Float f -> NODES.numberNode(f);
            case BigDecimal d -> NODES.numberNode(d);
            case BigInteger i -> NODES.numberNode(i);
            default -> NODES.stringNode(value.toString());
        };
    }
}
