package io.tasker.testing;

import io.tasker.store.jdbc.Jdbc;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the shared, migrated test PostgreSQL and empties its tables before each test. Test methods and
 * constructors may declare {@link TestPostgres}, {@link DataSource} or {@link Jdbc} parameters.
 */
public final class PostgresExtension implements BeforeEachCallback, ParameterResolver {

    @Override
    public void beforeEach(ExtensionContext context) {
        TestPostgres.shared().truncateAll();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestPostgres.class || type == DataSource.class || type == Jdbc.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        TestPostgres postgres = TestPostgres.shared();
        if (type == TestPostgres.class) {
            return postgres;
        }
        if (type == DataSource.class) {
            return postgres.dataSource();
        }
        return new Jdbc(postgres.dataSource());
    }
}
