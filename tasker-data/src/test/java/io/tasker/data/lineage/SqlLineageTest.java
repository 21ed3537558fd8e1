package io.tasker.data.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.data.dag.LineageSpec;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What DuckDB's parse of a query tells about its columns, and what it leaves alone rather than guess. */
class SqlLineageTest {

    /** {@code column -> "input_N.col,input_M.col"} */
    private static Map<String, String> lineage(String query, int inputs) {
        LineageSpec spec = SqlLineage.derive(query, inputs);
        Map<String, String> flat = new TreeMap<>();
        spec.columns().forEach((column, sources) -> flat.put(column, sources.stream()
                .map(s -> "input_" + s.input() + "." + s.column()).collect(Collectors.joining(","))));
        return flat;
    }

    @Test
    void projections_aliases_and_expressions_over_several_columns() {
        assertThat(lineage("SELECT region, amount * 100 AS cents, price * qty - discount AS net,"
                + " coalesce(note, upper(region)) AS label, 1 AS one FROM input_0 WHERE amount > 0", 1))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("region", "input_0.region", "cents", "input_0.amount",
                        "net", "input_0.price,input_0.qty,input_0.discount",
                        "label", "input_0.note,input_0.region", "one", "")));
    }

    @Test
    void aggregates_windows_and_earlier_aliases() {
        assertThat(lineage("SELECT region, sum(amount) AS total, total / count(*) AS average,"
                + " rank() OVER (PARTITION BY region ORDER BY day) AS place FROM input_0 GROUP BY region, day", 1))
                .containsEntry("total", "input_0.amount").containsEntry("average", "input_0.amount")
                .containsEntry("place", "input_0.region,input_0.day");
    }

    @Test
    void joins_resolve_qualified_names_by_alias_and_leave_bare_ones() {
        assertThat(lineage("SELECT o.region, o.amount * c.rate AS converted, c.name AS customer, amount AS bare"
                + " FROM input_0 AS o JOIN input_1 c ON o.customer_id = c.id LEFT JOIN input_2 ON true", 3))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("region", "input_0.region",
                        "converted", "input_0.amount,input_1.rate", "customer", "input_1.name")));
        assertThat(lineage("SELECT input_0.a, input_1.b FROM input_0, input_1", 2))
                .containsEntry("a", "input_0.a").containsEntry("b", "input_1.b");
    }

    @Test
    void what_the_parse_cannot_tell_gives_nothing() {
        assertThat(lineage("SELECT * FROM input_0", 1)).isEmpty();
        assertThat(lineage("SELECT a + 1, b FROM input_0", 1)).containsOnlyKeys("b");
        assertThat(lineage("SELECT a FROM (SELECT a FROM input_0)", 1)).isEmpty();
        assertThat(lineage("WITH x AS (SELECT a FROM input_0) SELECT a FROM x", 1)).isEmpty();
        assertThat(lineage("SELECT a FROM input_0 UNION ALL SELECT a FROM input_1", 2)).isEmpty();
        assertThat(lineage("SELECT a FROM read_csv('x.csv')", 1)).isEmpty();
        assertThat(lineage("SELECT a FROM input_1", 1)).isEmpty();
        assertThat(lineage("SELECT (SELECT max(a) FROM input_0) AS m, b FROM input_0", 1)).containsOnlyKeys("b");
        assertThat(lineage("SELECT list_transform(xs, x -> x + 1) AS ys, b FROM input_0", 1)).containsOnlyKeys("b");
        assertThat(lineage("SELECT s.inner.field AS f, b FROM input_0 s", 1)).containsOnlyKeys("b");
        assertThat(lineage("not sql at all", 1)).isEmpty();
    }
}
