package io.tasker.data.operator;

import io.tasker.data.storage.DuckSandbox;
import io.tasker.handler.PermanentError;
import io.tasker.handler.RetryableError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * {@code operator: http}: GETs JSON from {@code config.url} ({@code {partition}} replaced) and writes its records:
 * a JSON array of objects, or JSON lines ({@code format: jsonl}). The body streams to the attempt's staging
 * directory first, so a large response never sits in memory; 5xx and 429 answers are retryable, other errors not.
 */
public final class HttpOperator implements Operator {

    public static final String DOWNLOAD = "_download.json";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @Override
    public void write(OperatorInput input, int output, Path target, DuckSandbox duck)
            throws IOException, SQLException {
        String url = input.job().operatorConfig().path("url").asString().replace("{partition}", input.partition());
        String format = input.job().operatorConfig().path("format").asString("json");
        Path download = input.staging().resolve(DOWNLOAD);
        HttpResponse<Path> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create(url)).GET()
                    .timeout(Duration.ofSeconds(input.job().timeoutSeconds()))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofFile(download));
        } catch (IOException e) {
            throw new RetryableError("GET " + url + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableError("GET " + url + " was interrupted");
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new RetryableError("GET " + url + " answered " + status);
        }
        if (status >= 300) {
            throw new PermanentError("GET " + url + " answered " + status);
        }
        boolean empty = Files.size(download) < 16 && List.of("", "[]").contains(Files.readString(download).strip());
        String reader = empty ? "(SELECT NULL::VARCHAR AS no_rows WHERE false)"
                : "read_json(" + DuckSandbox.literal(download.toString()) + ", format = "
                        + ("jsonl".equals(format) ? "'newline_delimited'" : "'auto'") + ")";
        try {
            duck.execute("COPY (SELECT * FROM " + reader + ") TO " + DuckSandbox.literal(target.toString())
                    + " (FORMAT parquet)");
        } catch (SQLException e) {
            throw new PermanentError("GET " + url + " did not answer JSON records: " + DuckSandbox.firstLine(e).get(0)
                    .replace(input.staging().toString(), "<staging>"));
        } finally {
            Files.deleteIfExists(download);
        }
    }
}
