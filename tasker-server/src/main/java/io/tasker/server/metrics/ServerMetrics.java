package io.tasker.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tasker.analytics.Analytics;
import io.tasker.analytics.QueueDepths;
import io.tasker.engine.EngineEvents;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus metrics of one server: engine events as counters and histograms (labelled by namespace, never by
 * task or step id), queue depths sampled from the database every few seconds, and JVM metrics.
 */
public final class ServerMetrics implements EngineEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerMetrics.class);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong readySteps = new AtomicLong();
    private final AtomicLong activeLeases = new AtomicLong();
    private final AtomicLong retryingSteps = new AtomicLong();
    private final Timer claims;
    private final Counter databaseRestarts;
    private final ScheduledExecutorService sampler;

    public ServerMetrics(Jdbc jdbc) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("tasker.ready.steps", readySteps, AtomicLong::get)
                .description("Steps enqueued and waiting to be claimed").register(registry);
        Gauge.builder("tasker.active.leases", activeLeases, AtomicLong::get)
                .description("Steps claimed and running (in_progress)").register(registry);
        Gauge.builder("tasker.retrying.steps", retryingSteps, AtomicLong::get)
                .description("Steps waiting for a retry").register(registry);
        databaseRestarts = Counter.builder("tasker.database.restarts")
                .description("Restarts of the embedded PostgreSQL after it stopped").register(registry);
        claims = Timer.builder("tasker.claim").description("Time of one claim call")
                .publishPercentileHistogram().register(registry);
        sampler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tasker-metrics").factory());
        sampler.scheduleWithFixedDelay(() -> sample(jdbc), 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    public long readySteps() {
        return readySteps.get();
    }

    public long activeLeases() {
        return activeLeases.get();
    }

    public long retryingSteps() {
        return retryingSteps.get();
    }

    @Override
    public void taskCreated(String namespace) {
        // Not "created": Prometheus reserves the _created suffix of counters for their creation time.
        Counter.builder("tasker.tasks.started").description("Tasks created").tag("namespace", namespace)
                .register(registry).increment();
    }

    @Override
    public void taskFinished(String namespace, TaskState state) {
        Counter.builder("tasker.tasks.finished").tag("namespace", namespace).tag("state", state.dbValue())
                .register(registry).increment();
    }

    @Override
    public void stepFinished(String namespace, String stepName, String outcome, Duration duration) {
        Timer.builder("tasker.step.duration").description("Handler run time of a step attempt")
                .tag("namespace", namespace).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry).record(duration);
    }

    @Override
    public void stepStarted(String namespace, Duration sinceEnqueued) {
        Timer.builder("tasker.enqueue.to.start").description("Time from a step becoming claimable to its start")
                .tag("namespace", namespace).publishPercentileHistogram().register(registry)
                .record(sinceEnqueued.isNegative() ? Duration.ZERO : sinceEnqueued);
    }

    @Override
    public void claimed(Duration latency, int steps) {
        claims.record(latency);
    }

    @Override
    public void dispatchedEagerly(int steps) {
        Counter.builder("tasker.steps.dispatched.eagerly")
                .description("Steps claimed by the transaction that made them ready (eager dispatch)")
                .register(registry).increment(steps);
    }

    @Override
    public void lateResultRejected(String namespace) {
        Counter.builder("tasker.late.results.rejected").tag("namespace", namespace).register(registry).increment();
    }

    /** {@code tasker_database_up}: 1 while the database answers, 0 while it is down or restarting. */
    public void watchDatabase(java.util.function.BooleanSupplier up) {
        Gauge.builder("tasker.database.up", () -> up.getAsBoolean() ? 1 : 0)
                .description("1 while the database answers, 0 while it is down or being restarted").register(registry);
    }

    /** {@code tasker_database_restarts_total}: the embedded PostgreSQL stopped and was started again. */
    public void databaseRestarted() {
        databaseRestarts.increment();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        registry.close();
    }

    private void sample(Jdbc jdbc) {
        try {
            QueueDepths queue = new Analytics(jdbc, Clock.systemUTC()).queueDepths();
            readySteps.set(queue.readySteps());
            activeLeases.set(queue.activeLeases());
            retryingSteps.set(queue.retryingSteps());
        } catch (RuntimeException e) {
            log.debug("Sampling queue depths failed: {}", e.getMessage());
        }
    }
}
