package io.tasker.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.ConflictException;
import io.tasker.InvalidInputException;
import io.tasker.NotFoundException;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Orgs, users, custom roles, keys and namespace ownership, against the real schema. */
@DatabaseTest
class IdentityTest {

    private static final Set<String> KNOWN = Set.of("tasks:read", "tasks:create", "templates:read");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private Identity identity(DataSource dataSource) {
        return Identity.of(dataSource, clock, KNOWN);
    }

    @Test
    void the_default_org_exists_from_the_start(DataSource dataSource) {
        Org org = identity(dataSource).orgs().defaultOrg();
        assertThat(org.slug()).isEqualTo("default");
        assertThat(org.isDefault()).isTrue();
    }

    @Test
    void slugs_and_external_ids_are_unique(DataSource dataSource) {
        Identity identity = identity(dataSource);
        Org acme = identity.orgs().create("Acme", "acme", Optional.empty());
        assertThatThrownBy(() -> identity.orgs().create("Acme 2", "acme", Optional.empty()))
                .isInstanceOf(ConflictException.class).hasMessage("an org with slug 'acme' exists already");
        identity.users().create(acme.id(), "alice", Optional.of("alice@acme.test"), BuiltInRole.ADMIN, Optional.empty());
        assertThatThrownBy(() -> identity.users().create(Org.DEFAULT_ID, "alice", Optional.empty(), BuiltInRole.VIEWER,
                Optional.empty())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> identity.users().create(acme.id(), "tasker:x", Optional.empty(), BuiltInRole.VIEWER,
                Optional.empty())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> identity.orgs().get("nope")).isInstanceOf(NotFoundException.class)
                .hasMessage("org 'nope' not found");
        assertThatThrownBy(() -> identity.users().get(Org.DEFAULT_ID, "alice")).as("a user of another org")
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_last_enabled_admin_cannot_be_disabled(DataSource dataSource) {
        Identity identity = identity(dataSource);
        Org acme = identity.orgs().create("Acme", "acme", Optional.empty());
        User alice = identity.users().create(acme.id(), "alice", Optional.empty(), BuiltInRole.ADMIN, Optional.empty());
        identity.users().create(acme.id(), "bob", Optional.empty(), BuiltInRole.ADMIN, Optional.empty());
        assertThat(identity.users().disable(acme.id(), "bob", Optional.of(alice.id())).enabled()).isFalse();
        assertThatThrownBy(() -> identity.users().disable(acme.id(), "alice", Optional.of(alice.id())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("last enabled admin");
        assertThat(identity.audit().recent(acme.id(), 10)).extracting(AdminAudit.Entry::action)
                .containsExactly("user.disable", "user.create", "user.create", "org.create");
    }

    @Test
    void a_custom_role_grants_exactly_its_permissions_and_refuses_unknown_ones(DataSource dataSource) {
        Identity identity = identity(dataSource);
        User carol = identity.users().create(Org.DEFAULT_ID, "carol", Optional.empty(), BuiltInRole.VIEWER,
                Optional.empty());
        assertThatThrownBy(() -> identity.roles().create(Org.DEFAULT_ID, "starter", "Starter",
                List.of("tasks:create", "tasks:explode"), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("unknown permission 'tasks:explode'");
        assertThatThrownBy(() -> identity.roles().create(Org.DEFAULT_ID, "admin", "Admin", List.of(), Optional.empty()))
                .isInstanceOf(ConflictException.class);
        identity.roles().create(Org.DEFAULT_ID, "starter", "Starter", List.of("tasks:create"), Optional.empty());
        identity.roles().addMember(Org.DEFAULT_ID, "starter", "carol", Optional.empty());
        Member member = identity.users().member(carol);
        assertThat(member.customRoles()).containsExactly("starter");
        assertThat(member.customPermissions()).containsExactly("tasks:create");
        identity.roles().revokePermissions(Org.DEFAULT_ID, "starter", List.of("tasks:create"), Optional.empty());
        assertThat(identity.users().member(carol).customPermissions()).isEmpty();
    }

    @Test
    void a_key_is_found_by_its_secret_only_and_reports_revocation_and_expiry(DataSource dataSource) {
        Identity identity = identity(dataSource);
        identity.users().create(Org.DEFAULT_ID, "dave", Optional.empty(), BuiltInRole.DEVELOPER, Optional.empty());
        IssuedKey issued = identity.keys().create(Org.DEFAULT_ID, "dave", "laptop",
                Optional.of(clock.instant().plus(Duration.ofDays(1))), Optional.empty());
        assertThat(issued.secret()).startsWith("tsk_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(issued.key().prefix()).isEqualTo(issued.secret().substring(0, 12));
        KeyOwner owner = identity.keys().lookup(issued.secret()).orElseThrow();
        assertThat(owner.member().user().externalId()).isEqualTo("dave");
        assertThat(owner.member().org().slug()).isEqualTo("default");
        assertThat(owner.key().status(clock.instant())).isEqualTo(ApiKey.Status.ACTIVE);
        assertThat(identity.keys().lookup(issued.secret() + "x")).isEmpty();

        clock.advance(Duration.ofDays(2));
        assertThat(identity.keys().lookup(issued.secret()).orElseThrow().key().status(clock.instant()))
                .isEqualTo(ApiKey.Status.EXPIRED);
        identity.keys().revoke(Org.DEFAULT_ID, issued.key().keyUuid(), Optional.empty());
        assertThat(identity.keys().lookup(issued.secret()).orElseThrow().key().status(clock.instant()))
                .isEqualTo(ApiKey.Status.REVOKED);
        assertThatThrownBy(() -> identity.keys().revoke(identity.orgs().create("Other", "other", Optional.empty()).id(),
                issued.key().keyUuid(), Optional.empty())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_namespace_belongs_to_the_org_that_claims_it_first(DataSource dataSource) {
        Identity identity = identity(dataSource);
        Org acme = identity.orgs().create("Acme", "acme", Optional.empty());
        assertThat(identity.tenancy().claimNamespace(acme.id(), "billing")).isTrue();
        assertThat(identity.tenancy().claimNamespace(acme.id(), "billing")).as("again").isTrue();
        assertThat(identity.tenancy().claimNamespace(Org.DEFAULT_ID, "billing")).isFalse();
        assertThat(identity.tenancy().namespacesOf(acme.id())).containsExactly("billing");
        assertThat(identity.tenancy().orgOfNamespace("billing")).contains(acme.id());
    }
}
