package io.tasker.data;

import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import io.tasker.data.deploy.Cutover;
import io.tasker.data.deploy.Deployer;
import io.tasker.data.deploy.Deployment;
import io.tasker.data.deploy.JobTemplates;
import io.tasker.data.operator.FileOperator;
import io.tasker.data.operator.HttpOperator;
import io.tasker.data.operator.JobHandler;
import io.tasker.data.operator.OperatorChecks;
import io.tasker.data.operator.PublishOperator;
import io.tasker.data.openlineage.RunEvents;
import io.tasker.data.operator.SqlOperator;
import io.tasker.data.query.QueryService;
import io.tasker.data.run.InvalidationCascade;
import io.tasker.data.run.InvalidationList;
import io.tasker.data.run.Invalidations;
import io.tasker.data.run.RunCommits;
import io.tasker.data.run.Runs;
import io.tasker.data.source.CronSources;
import io.tasker.data.storage.InputFiles;
import io.tasker.data.storage.Storage;
import io.tasker.data.dataset.Datasets;
import io.tasker.data.deploy.Dags;
import io.tasker.data.lineage.Lineage;
import io.tasker.identity.Identity;
import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data layer on one engine: versioned DAGs of jobs that materialise datasets and partitions. Install it into a
 * {@link TaskerBuilder} (it adds its handlers and its commit hook), start the engine, then {@link #bind} it:
 *
 * <pre>{@code
 * TaskerBuilder builder = Tasker.builder(dataSource);
 * DataPipelines data = DataPipelines.install(builder, dataSource, DataSettings.under(dir), clock);
 * Tasker tasker = builder.start();
 * data.bind(tasker);
 * data.deployer().deploy(org, yaml);
 * }</pre>
 */
public final class DataPipelines {

    private static final Logger log = LoggerFactory.getLogger(DataPipelines.class);

    private final Jdbc jdbc;
    private final DataSettings settings;
    private final Storage storage;
    private final Clock clock;
    private volatile Bound bound;

    private record Bound(Tasker tasker, Deployer deployer, Cutover cutover, Dags dags, Datasets datasets, Runs runs,
                         QueryService query) {
    }

    private DataPipelines(DataSource dataSource, DataSettings settings, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.settings = settings;
        this.storage = new Storage(settings.storageRoot());
        this.clock = clock;
    }

    /**
     * Adds the data handlers ({@code data.file}, {@code data.sql}, {@code data.http}, {@code data.publish}) and the
     * commit hook that publishes partitions to the engine being built.
     */
    public static DataPipelines install(TaskerBuilder builder, DataSource dataSource, DataSettings settings,
                                        Clock clock) {
        DataPipelines data = new DataPipelines(dataSource, settings, clock);
        InputFiles inputs = new InputFiles(settings.inputRoot());
        RunEvents events = new RunEvents(settings.openLineage());
        builder.handler("data.file", new JobHandler(data.jdbc, data.storage, new FileOperator(inputs), clock, events));
        builder.handler("data.sql", new JobHandler(data.jdbc, data.storage, new SqlOperator(), clock, events));
        builder.handler("data.http", new JobHandler(data.jdbc, data.storage, new HttpOperator(), clock, events));
        builder.handler(JobTemplates.PUBLISH_HANDLER, new JobHandler(data.jdbc, data.storage, new PublishOperator(),
                clock, events));
        builder.commitHook(new RunCommits(events));
        return data;
    }

    /** Connects the layer to the started engine; until then only the handlers and the hook work. */
    public DataPipelines bind(Tasker tasker) {
        JobTemplates templates = new JobTemplates(tasker.templates(),
                Identity.of(jdbc.dataSource(), clock, Set.of()).tenancy());
        OperatorChecks checks = new OperatorChecks(tasker.handlers()::canResolve);
        tasker.addPeriodicWork(new CronSources(jdbc, tasker::createTasks));
        Deployer deployer = new Deployer(jdbc, templates, checks, tasker::createTasks, clock);
        Cutover cutover = new Cutover(jdbc, clock, ids -> cancel(tasker, ids));
        bound = new Bound(tasker, deployer, cutover, new Dags(jdbc), new Datasets(jdbc, storage, clock),
                new Runs(jdbc, tasker::createTasks, clock),
                new QueryService(jdbc, storage, settings.queryMaxRows(), settings.queryTimeout()));
        return this;
    }

    public DataSettings settings() {
        return settings;
    }

    public Storage storage() {
        return storage;
    }

    public Deployer deployer() {
        return bound().deployer();
    }

    public Cutover cutover() {
        return bound().cutover();
    }

    public Dags dags() {
        return bound().dags();
    }

    public Datasets datasets() {
        return bound().datasets();
    }

    public Runs runs() {
        return bound().runs();
    }

    public QueryService query() {
        return bound().query();
    }

    /** Invalidations of datasets' partitions, which cascade downstream. */
    public Invalidations invalidations() {
        Tasker tasker = bound().tasker();
        return new Invalidations(jdbc, (tx, requests) -> tasker.createTasks(tx, requests), clock);
    }

    public InvalidationCascade invalidationCascade() {
        return new InvalidationCascade(jdbc);
    }

    /** The invalidations asked for (roots of cascades), newest first, for the dashboard and the API. */
    public InvalidationList invalidationList() {
        return new InvalidationList(jdbc);
    }

    /** Lineage of datasets, partitions and columns (needs no started engine). */
    public Lineage lineage() {
        return new Lineage(jdbc);
    }

    /** Deploys a DAG file for an org (see {@link Deployer}); the scheduler looks at its cron sources at once. */
    public Deployment deploy(UUID org, String yaml) {
        Deployment deployment = deployer().deploy(org, yaml);
        bound().tasker().wakeScheduler();
        return deployment;
    }

    private Bound bound() {
        Bound b = bound;
        if (b == null) {
            throw new IllegalStateException("the data layer is not bound to a started engine yet");
        }
        return b;
    }

    private static void cancel(Tasker tasker, List<UUID> runs) {
        for (UUID run : runs) {
            try {
                tasker.tasks().state(run).filter(state -> !state.isTerminal())
                        .ifPresent(state -> tasker.cancel(run, "its DAG version was left behind", "tasker-data"));
            } catch (RuntimeException e) {
                log.warn("Could not cancel the workflow task of run {}: {}", run, e.getMessage());
            }
        }
    }

}
