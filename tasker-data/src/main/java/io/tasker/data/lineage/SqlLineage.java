package io.tasker.data.lineage;

import io.tasker.data.dag.LineageSpec;
import io.tasker.data.dag.LineageSpec.InputColumn;
import io.tasker.data.storage.DuckSandbox;
import io.tasker.data.storage.DuckThreads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Column lineage of a {@code sql} job read from DuckDB's parse of its query ({@code json_serialize_sql}): each named
 * output column is made from every input column its expression refers to. Only what the parse says for certain is
 * derived; anything else gives no lineage rather than a guess:
 * <ul>
 *   <li>the query is one SELECT whose FROM is {@code input_N} views, aliased or not, and joins of them (a CTE, a
 *       subquery in FROM, a set operation or a table function: nothing is derived for the whole query);</li>
 *   <li>an output column is named by its alias, or is a bare column reference (an unaliased expression has no
 *       name here: nothing for it);</li>
 *   <li>a column reference is {@code alias.column}, or a bare {@code column} when the query reads one input (with
 *       joins, a bare name could be either side: nothing for that output column); a bare name that is an earlier
 *       alias of the select list stands for that alias's columns;</li>
 *   <li>an expression with {@code *}, a subquery or a lambda gives nothing for its column.</li>
 * </ul>
 */
public final class SqlLineage {

    private static final Pattern INPUT = Pattern.compile("input_(\\d{1,2})");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Set<String> OPAQUE = Set.of("STAR", "SUBQUERY", "LAMBDA", "COLUMNS");

    private SqlLineage() {
    }

    /** Derives the lineage of {@code query} over {@code inputs} input views (parsed by DuckDB in its sandbox). */
    public static LineageSpec derive(String query, int inputs) {
        try {
            JsonNode parsed = DuckThreads.call(() -> {
                try (DuckSandbox duck = DuckSandbox.open(List.of(), List.of())) {
                    return duck.parse(query);
                }
            });
            return fromParse(parsed, inputs);
        } catch (Exception e) {
            return LineageSpec.NONE; // the deploy's own check reports a query DuckDB cannot parse
        }
    }

    /** Derives lineage from {@code json_serialize_sql}'s output. */
    public static LineageSpec fromParse(JsonNode parsed, int inputs) {
        JsonNode statements = parsed.path("statements");
        if (parsed.path("error").asBoolean(false) || statements.size() != 1) {
            return LineageSpec.NONE;
        }
        JsonNode node = statements.get(0).path("node");
        if (!"SELECT_NODE".equals(node.path("type").asString("")) || !node.path("cte_map").path("map").isEmpty()) {
            return LineageSpec.NONE;
        }
        Map<String, Integer> tables = new LinkedHashMap<>();
        if (!tables(node.path("from_table"), inputs, tables)) {
            return LineageSpec.NONE;
        }
        Map<String, List<InputColumn>> columns = new LinkedHashMap<>();
        Map<String, List<InputColumn>> aliases = new LinkedHashMap<>();
        for (JsonNode expression : node.path("select_list")) {
            Optional<String> name = outputName(expression);
            Optional<List<InputColumn>> sources = sources(expression, tables, aliases);
            if (name.isPresent() && sources.isPresent()) {
                columns.put(name.get(), sources.get());
                aliases.put(name.get().toLowerCase(Locale.ROOT), sources.get());
            }
        }
        return new LineageSpec(columns);
    }

    /** The input views a FROM reads, by the name the query refers to them with; false when it reads anything else. */
    private static boolean tables(JsonNode from, int inputs, Map<String, Integer> tables) {
        switch (from.path("type").asString("")) {
            case "EMPTY", "" -> {
                return true;
            }
            case "BASE_TABLE" -> {
                Matcher m = INPUT.matcher(from.path("table_name").asString("").toLowerCase(Locale.ROOT));
                if (!from.path("schema_name").asString("").isEmpty() || !m.matches()
                        || Integer.parseInt(m.group(1)) >= inputs || !from.path("column_name_alias").isEmpty()) {
                    return false;
                }
                String alias = from.path("alias").asString("");
                tables.put((alias.isEmpty() ? m.group() : alias).toLowerCase(Locale.ROOT), Integer.parseInt(m.group(1)));
                return true;
            }
            case "JOIN" -> {
                return tables(from.path("left"), inputs, tables) && tables(from.path("right"), inputs, tables);
            }
            default -> {
                return false;
            }
        }
    }

    private static Optional<String> outputName(JsonNode expression) {
        String alias = expression.path("alias").asString("");
        if (alias.isEmpty() && "COLUMN_REF".equals(expression.path("class").asString(""))) {
            JsonNode names = expression.path("column_names");
            alias = names.isEmpty() ? "" : names.get(names.size() - 1).asString("");
        }
        return COLUMN.matcher(alias).matches() ? Optional.of(alias) : Optional.empty();
    }

    /** Every input column {@code expression} refers to; empty when one of them cannot be told for certain. */
    private static Optional<List<InputColumn>> sources(JsonNode expression, Map<String, Integer> tables,
                                                       Map<String, List<InputColumn>> aliases) {
        Set<InputColumn> found = new LinkedHashSet<>();
        return collect(expression, tables, aliases, found) ? Optional.of(new ArrayList<>(found)) : Optional.empty();
    }

    private static boolean collect(JsonNode node, Map<String, Integer> tables, Map<String, List<InputColumn>> aliases,
                                   Set<InputColumn> found) {
        if (node.isObject()) {
            String kind = node.path("class").asString("");
            if (OPAQUE.contains(kind) || OPAQUE.contains(node.path("type").asString(""))) {
                return false;
            }
            if (kind.equals("COLUMN_REF")) {
                return reference(node.path("column_names"), tables, aliases, found);
            }
        }
        for (JsonNode child : node) {
            if ((child.isObject() || child.isArray()) && !collect(child, tables, aliases, found)) {
                return false;
            }
        }
        return true;
    }

    private static boolean reference(JsonNode names, Map<String, Integer> tables,
                                     Map<String, List<InputColumn>> aliases, Set<InputColumn> found) {
        if (names.size() == 2) {
            Integer input = tables.get(names.get(0).asString("").toLowerCase(Locale.ROOT));
            String column = names.get(1).asString("");
            if (input == null || !COLUMN.matcher(column).matches()) {
                return false;
            }
            found.add(new InputColumn(input, column));
            return true;
        }
        if (names.size() != 1) {
            return false; // a struct field or a catalog-qualified name
        }
        String column = names.get(0).asString("");
        List<InputColumn> alias = aliases.get(column.toLowerCase(Locale.ROOT));
        if (alias != null) {
            found.addAll(alias);
            return true;
        }
        if (tables.size() != 1 || !COLUMN.matcher(column).matches()) {
            return false;
        }
        found.add(new InputColumn(tables.values().iterator().next(), column));
        return true;
    }
}
