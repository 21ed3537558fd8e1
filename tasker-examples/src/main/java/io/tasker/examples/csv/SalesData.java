package io.tasker.examples.csv;

import io.tasker.handler.PermanentError;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The CSV datasets shipped with the examples ({@code io/tasker/examples/data/*.csv}), parsed once per process. */
public final class SalesData {

    /** The dataset used when the task names none. */
    public static final String DEFAULT_DATASET = "sales.csv";

    private static final Pattern DATASET = Pattern.compile("[a-z0-9_]{1,64}\\.csv");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .get();
    private static final Map<String, List<SaleRow>> CACHE = new ConcurrentHashMap<>();

    private SalesData() {
    }

    /** The dataset a task asks for ({@code context.dataset}), checked to be a plain file name. */
    public static String datasetName(JsonNode taskContext) {
        String name = taskContext.path("dataset").asString(DEFAULT_DATASET);
        if (!DATASET.matcher(name).matches()) {
            throw new PermanentError("dataset must be a file name like sales.csv, got '" + name + "'");
        }
        return name;
    }

    /** Every data row of the dataset, in file order. */
    public static List<SaleRow> rows(String dataset) {
        return CACHE.computeIfAbsent(dataset, SalesData::parse);
    }

    /** Parses CSV with a header line {@code id,region,product,quantity,unit_price_cents}. */
    public static List<SaleRow> parse(InputStream csv) throws IOException {
        List<SaleRow> rows = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            for (CSVRecord record : parser) {
                rows.add(new SaleRow(Long.parseLong(record.get("id")), record.get("region"), record.get("product"),
                        Integer.parseInt(record.get("quantity")), Long.parseLong(record.get("unit_price_cents"))));
            }
        } catch (IllegalArgumentException e) {
            throw new PermanentError("the dataset is not a valid sales CSV: " + e.getMessage());
        }
        return rows;
    }

    private static List<SaleRow> parse(String dataset) {
        try (InputStream in = SalesData.class.getResourceAsStream("/io/tasker/examples/data/" + dataset)) {
            if (in == null) {
                throw new PermanentError("no dataset named " + dataset);
            }
            return List.copyOf(parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
