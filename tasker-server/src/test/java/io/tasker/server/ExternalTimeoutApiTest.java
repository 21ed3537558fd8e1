package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Invariants;
import io.tasker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code timeout_seconds} of a step run by an external worker, on a clock the test moves: the claim says when the
 * attempt times out and its lease never outlives that; a heartbeat or result past it is refused (409) and the
 * attempt fails as a {@code TimeoutError}, retried as the template says; a worker that heartbeats but never
 * reports times out at the deadline too.
 */
@DatabaseTest
class ExternalTimeoutApiTest {

    private static final String TEMPLATE = """
            name: slow_external
            namespace_name: timeouts
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - name: crunch
                handler: {callable: external}
                timeout_seconds: 20
                retry: {max_attempts: 2, backoff: none}
            """;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private TaskerServer server;
    private ApiClient api;
    private DataSource dataSource;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        server = TaskerServer.start(Servers.settings(dataSource).withTemplates(List.of(TEMPLATE), Optional.empty()),
                clock);
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
        Invariants.check(dataSource);
    }

    @Test
    void the_claim_carries_the_timeout_and_calls_past_it_are_refused_and_fail_the_attempt() {
        String task = createTask();
        JsonNode claim = claim();
        Instant claimedAt = clock.instant();
        assertThat(claim.path("timeout_seconds").asInt()).isEqualTo(20);
        assertThat(Instant.parse(claim.path("timeout_at").asString())).isEqualTo(claimedAt.plusSeconds(20));
        String step = claim.path("step_uuid").asString();
        Map<String, Object> lease = Map.of("lease_token", claim.path("lease_token").asString());

        clock.advance(Duration.ofSeconds(17));
        ApiClient.Response beat = api.post("/v1/workers/claims/" + step + "/heartbeat", lease);
        assertThat(beat.status()).as(beat.body()).isEqualTo(200);
        assertThat(Instant.parse(beat.json().path("lease_expires_at").asString())).as("not past the timeout")
                .isEqualTo(claimedAt.plusSeconds(20));

        clock.advance(Duration.ofSeconds(4));
        ApiClient.Response late = api.post("/v1/workers/claims/" + step + "/heartbeat", lease);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("message").asString()).contains("ran past its timeout_seconds (20 s");
        JsonNode failed = api.get("/v1/tasks/" + task + "/workflow_steps/" + step).json();
        assertThat(failed.path("last_error").path("type").asString()).isEqualTo("TimeoutError");
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        ApiClient.Response result = api.post("/v1/workers/claims/" + step + "/result",
                Map.of("lease_token", claim.path("lease_token").asString(), "status", "success"));
        assertThat(result.status()).as("a late result is rejected").isEqualTo(409);

        JsonNode second = claim();
        assertThat(second.path("attempt").asInt()).as("retried, as the template allows").isEqualTo(2);
        clock.advance(Duration.ofSeconds(25));
        ApiClient.Response lateResult = api.post("/v1/workers/claims/" + step + "/result",
                Map.of("lease_token", second.path("lease_token").asString(), "status", "success",
                        "result", Map.of("done", true)));
        assertThat(lateResult.status()).isEqualTo(409);
        assertThat(lateResult.json().path("message").asString()).contains("timeout_seconds");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/v1/tasks/" + task).json().path("status").asString().equals("error"));
        JsonNode last = api.get("/v1/tasks/" + task + "/workflow_steps/" + step).json();
        assertThat(last.path("results").path("done").isMissingNode()).as("the late result was not kept").isTrue();
        assertThat(last.path("last_error").path("type").asString()).isEqualTo("TimeoutError");
    }

    @Test
    void a_worker_that_keeps_its_lease_but_never_reports_times_out_at_the_deadline() {
        String task = createTask();
        JsonNode claim = claim();
        String step = claim.path("step_uuid").asString();
        for (int second = 4; second <= 16; second += 4) {
            clock.advance(Duration.ofSeconds(4));
            assertThat(api.post("/v1/workers/claims/" + step + "/heartbeat",
                    Map.of("lease_token", claim.path("lease_token").asString())).status()).isEqualTo(200);
        }

        clock.advance(Duration.ofSeconds(5));
        server.tasker().runMaintenance();

        JsonNode failed = api.get("/v1/tasks/" + task + "/workflow_steps/" + step).json();
        assertThat(failed.path("last_error").path("type").asString()).isEqualTo("TimeoutError");
        assertThat(failed.path("last_error").path("message").asString())
                .isEqualTo("external worker did not report within timeout_seconds (20 s)");
        assertThat(claim().path("attempt").asInt()).isEqualTo(2);
    }

    private String createTask() {
        return api.post("/v1/tasks", Map.of("namespace", "timeouts", "name", "slow_external")).json()
                .path("task_uuid").asString();
    }

    /** Claims the step, waiting until it is claimable. */
    private JsonNode claim() {
        JsonNode[] claimed = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode claims = api.post("/v1/workers/claims", Map.of("namespace", "timeouts")).json().path("claims");
            claimed[0] = claims.isEmpty() ? null : claims.get(0);
            return claimed[0] != null;
        });
        return claimed[0];
    }
}
