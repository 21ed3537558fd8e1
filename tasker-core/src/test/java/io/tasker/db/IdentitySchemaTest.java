package io.tasker.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.db.schema.SchemaCatalog;
import io.tasker.testing.DatabaseTest;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The identity tables of seed 002, column for column and type for type, with its keys. */
@DatabaseTest
class IdentitySchemaTest {

    private static final Map<String, List<String>> SEED_002 = Map.of(
            "orgs", List.of("id uuid", "name text", "slug text", "settings jsonb", "created_at timestamptz"),
            "users", List.of("id uuid", "org_id uuid", "external_id text", "email text", "role text",
                    "created_at timestamptz"),
            "org_roles", List.of("id uuid", "org_id uuid", "slug text", "name text", "created_at timestamptz"),
            "org_role_memberships", List.of("role_id uuid", "user_id uuid", "created_at timestamptz"));

    @Test
    void the_four_identity_tables_have_exactly_the_columns_of_seed_002(DataSource dataSource) {
        SchemaCatalog catalog = SchemaCatalog.read(dataSource);
        SEED_002.forEach((name, columns) -> assertThat(catalog.table(name).orElseThrow().columns().stream()
                .map(c -> c.name() + " " + c.udtName()).toList()).as(name).isEqualTo(columns));
        assertThat(catalog.table("org_role_memberships").orElseThrow().columns().stream()
                .filter(SchemaCatalog.Column::primaryKey).map(SchemaCatalog.Column::name).toList())
                .containsExactly("role_id", "user_id");
    }

    @Test
    void slugs_and_external_ids_are_unique(DataSource dataSource) {
        List<String> unique = new io.tasker.store.jdbc.Jdbc(dataSource).query("""
                SELECT conname FROM pg_constraint WHERE contype = 'u' AND connamespace = 'tasker'::regnamespace
                """, row -> row.getString(1));
        assertThat(unique).contains("orgs_slug_key", "users_external_id_key");
    }
}
