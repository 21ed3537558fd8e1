package io.tasker.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson3.Jackson3JsonMapper;

/**
 * JobRunr (open-source edition) on its PostgreSQL storage provider, with Jackson 3 as its JSON mapper. Jobs are
 * enqueued as a stream of job requests (JobRunr saves them in batches) while no job server runs; then one
 * background job server with the run's worker count drains them. Done is "no job left that has not succeeded".
 */
final class JobRunrPeer {

    private static final AtomicLong FIRST_START = new AtomicLong();

    private final DataSource pool;
    private final StorageProvider storage;
    private final JsonMapper json = new Jackson3JsonMapper();
    private final JobRequestScheduler scheduler;

    JobRunrPeer(DataSource pool) {
        this.pool = pool;
        this.storage = SqlStorageProviderFactory.using(pool);
        this.scheduler = JobRunr.configure()
                .useJsonMapper(json)
                .useStorageProvider(storage)
                .initialize()
                .getJobRequestScheduler();
    }

    PeerRun run(int jobs, PeerConfigs.JobRunr config) {
        FIRST_START.set(0);
        scheduler.enqueue(IntStream.range(0, jobs).mapToObj(NoopRequest::new));
        BackgroundJobServer server = new BackgroundJobServer(storage, json, new ConstructorActivator(),
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andWorkerCount(config.workers())
                        .andPollInterval(config.pollInterval()));
        long started = System.nanoTime();
        server.start();
        try {
            long done = PeerPolling.awaitZero(pool,
                    "SELECT count(*) FROM jobrunr_jobs WHERE state <> 'SUCCEEDED'", DbSchedulerPeer.timeout(jobs));
            return new PeerRun("JobRunr", jobs, FIRST_START.get(), done, started);
        } finally {
            server.stop();
        }
    }

    void close() {
        JobRunr.destroy();
    }

    /** A no-op job; JobRunr serialises it with its JSON mapper. */
    public static final class NoopRequest implements JobRequest {
        private int number;

        public NoopRequest() {
        }

        NoopRequest(int number) {
            this.number = number;
        }

        public int getNumber() {
            return number;
        }

        public void setNumber(int number) {
            this.number = number;
        }

        @Override
        public Class<NoopHandler> getJobRequestHandler() {
            return NoopHandler.class;
        }
    }

    /** Runs a {@link NoopRequest}: notes when the first job started, nothing else. */
    public static final class NoopHandler implements JobRequestHandler<NoopRequest> {
        @Override
        public void run(NoopRequest request) {
            FIRST_START.compareAndSet(0, System.nanoTime());
        }
    }

    private static final class ConstructorActivator implements JobActivator {
        @Override
        public <T> T activateJob(Class<T> type) {
            try {
                return type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + type.getName(), e);
            }
        }
    }
}
