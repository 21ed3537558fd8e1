package io.tasker.cli.client;

import io.tasker.InvalidInputException;
import io.tasker.json.Json;
import io.tasker.json.JsonFormatException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** JSON values as text for tables and fields, and JSON given on the command line. */
public final class JsonText {

    private JsonText() {
    }

    /**
     * A value for a table cell: null or missing as {@code -}, strings bare, arrays of plain values comma-separated,
     * anything else as compact JSON.
     */
    public static String cell(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "-";
        }
        if (node.isValueNode()) {
            return node.asString();
        }
        if (node.isArray() && allValues(node)) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(cell(item)));
            return items.isEmpty() ? "-" : String.join(", ", items);
        }
        return Json.write(node);
    }

    /** A value for a {@link Fields} line: like {@link #cell} but objects and arrays of objects pretty-printed. */
    static String field(JsonNode node) {
        if (node != null && node.isContainer() && !(node.isArray() && allValues(node)) && !node.isEmpty()) {
            return pretty(node);
        }
        return cell(node);
    }

    public static String pretty(JsonNode node) {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    /** JSON given to {@code option}; malformed JSON is a usage error naming the option. */
    static JsonNode parseOption(String option, String text) {
        try {
            JsonNode value = Json.parse(text);
            if (value == null || value.isMissingNode()) {
                throw new InvalidInputException(option + " is empty: expected JSON");
            }
            return value;
        } catch (JsonFormatException e) {
            throw new InvalidInputException(option + " is not valid JSON: " + e.getMessage()
                    .replaceFirst("^malformed JSON: ", ""), e);
        }
    }

    private static boolean allValues(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainer()) {
                return false;
            }
        }
        return true;
    }
}
