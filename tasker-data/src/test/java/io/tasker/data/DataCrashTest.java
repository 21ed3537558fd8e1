package io.tasker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.tasker.data.run.RunRequest;
import io.tasker.testing.ChildJvm;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.TestPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine is killed with SIGKILL while it writes a partition (its http job has streamed half of the response to
 * its attempt's directory). Nothing is published; another engine takes the run over when the lease expires, its
 * second attempt publishes the whole partition, and the first attempt's files are removed.
 */
@DatabaseTest
class DataCrashTest {

    static final int ROWS = 2000;

    @Test
    void a_run_killed_mid_write_publishes_nothing_and_its_retry_completes(TestPostgres postgres, @TempDir Path dir)
            throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/orders", exchange -> {
            boolean first = requests.incrementAndGet() == 1;
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write('[');
                for (int i = 1; i <= ROWS; i++) {
                    out.write(((i > 1 ? "," : "") + "{\"id\":" + i + ",\"amount\":" + i + "}")
                            .getBytes(StandardCharsets.UTF_8));
                    if (first && i == ROWS / 2) {
                        out.flush();
                        awaitQuietly(never);
                        return;
                    }
                }
                out.write(']');
            } catch (IOException e) {
                // the doomed engine hung up
            }
        });
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
        String dag = """
                name: feed
                jobs:
                  - name: orders
                    activation: source
                    source: {kind: manual}
                    operator: http
                    config: {url: "http://127.0.0.1:%d/orders?day={partition}"}
                    partitions: {kind: static, keys: [day1]}
                publish:
                  feed_orders: {from: {job: orders, output: 0}}
                """.formatted(http.getAddress().getPort());
        try (DataEngine control = DataEngine.start(postgres.dataSource(), dir,
                b -> b.runWorkers(false).runMaintenance(false));
             ChildJvm child = ChildJvm.start(DataEngineMain.class, postgres.jdbcUrl(), dir.toString())) {
            child.awaitLine("READY", Duration.ofSeconds(60));
            control.data.deploy(DataEngine.ORG, dag);
            var job = control.data.dags().currentJob(DataEngine.ORG, "feed", "orders");
            control.data.runs().start(job, new RunRequest(List.of("day1"), Optional.empty(), Optional.empty(), "all",
                    1), Optional.empty());
            Path storage = control.data.storage().root();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> partialDownload(storage));
            child.kill();

            assertThat(count(control, "SELECT count(*) FROM tasker_data.partition_versions")).isZero();
            assertThat(control.runs("orders", "succeeded")).isZero();
            assertThat(attemptDirectories(storage)).as("the killed attempt left its files").isNotEmpty();
        }
        try (DataEngine survivor = DataEngine.start(postgres.dataSource(), dir,
                b -> b.leaseDuration(Duration.ofSeconds(5)))) {
            survivor.awaitIdle();
            assertThat(survivor.runs("orders", "succeeded")).isEqualTo(1);
            String location = survivor.jdbc.queryOne("SELECT location FROM tasker_data.partition_versions",
                    row -> row.getString(1)).orElseThrow();
            int attempts = survivor.jdbc.queryOne("SELECT attempts FROM tasker_data.tasks", row -> row.getInt(1))
                    .orElseThrow();
            assertThat(attempts).as("a later attempt published").isGreaterThan(1);
            assertThat(location).endsWith("-a" + attempts);
            assertThat(attemptDirectories(survivor.data.storage().root())).as("earlier attempts' files removed")
                    .singleElement().asString().endsWith("-a" + attempts);
            var result = survivor.data.query().run(DataEngine.ORG,
                    "SELECT count(*), sum(amount) FROM feed_orders").rows().get(0);
            assertThat(result.get(0).asLong()).isEqualTo(ROWS);
            assertThat(result.get(1).asLong()).isEqualTo((long) ROWS * (ROWS + 1) / 2);
        } finally {
            never.countDown();
            http.stop(0);
        }
    }

    private static boolean partialDownload(Path storage) throws IOException {
        if (!Files.isDirectory(storage)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(storage)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("_download.json") && size(f) > 1000);
        }
    }

    private static List<Path> attemptDirectories(Path storage) throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(Files::isDirectory).filter(d -> d.getFileName().toString().matches(".*-a\\d+"))
                    .toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long count(DataEngine engine, String sql) {
        return engine.jdbc.queryOne(sql, row -> row.getLong(1)).orElse(0L);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
