package io.tasker.testing;

import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fast engine on a clock the test moves, on the shared test database: started before each test (after
 * {@link DatabaseTest} emptied the tables) and closed after it. Register it on a field:
 * {@code @RegisterExtension final ClockedEngine engine = ClockedEngine.with(b -> b.template(TEMPLATE));}
 */
public final class ClockedEngine implements BeforeEachCallback, AfterEachCallback {

    private final UnaryOperator<TaskerBuilder> setup;
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private Tasker tasker;

    private ClockedEngine(UnaryOperator<TaskerBuilder> setup) {
        this.setup = setup;
    }

    /** @param setup templates and handlers for the engine ({@link Engines#fast} timings, this clock) */
    public static ClockedEngine with(UnaryOperator<TaskerBuilder> setup) {
        return new ClockedEngine(setup);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        tasker = setup.apply(Engines.fast(dataSource()).clock(clock)).start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (tasker != null) {
            tasker.close();
        }
    }

    public Tasker tasker() {
        return tasker;
    }

    public MutableClock clock() {
        return clock;
    }

    public DataSource dataSource() {
        return TestPostgres.shared().dataSource();
    }
}
