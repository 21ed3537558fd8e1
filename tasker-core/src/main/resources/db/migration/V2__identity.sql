-- Identity: organisations, users, roles (seed 002's four tables, column for column), plus what a real system needs
-- beside them: API keys stored only as SHA-256 hashes, the permissions of custom roles, disabled users, an audit
-- trail of admin changes, and the ownership of template namespaces by an org. The permissions of the built-in
-- roles (admin, operator, developer, viewer, worker) live in code, so that a release that adds a permission grants
-- it without a migration.

CREATE TABLE tasker.orgs (
    id         uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    name       text        NOT NULL,
    slug       text        NOT NULL,
    settings   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orgs_pkey PRIMARY KEY (id),
    CONSTRAINT orgs_slug_key UNIQUE (slug),
    CONSTRAINT orgs_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    CONSTRAINT orgs_name_length CHECK (length(name) BETWEEN 1 AND 200)
);
COMMENT ON TABLE tasker.orgs IS 'Organisations: every user, template namespace, DAG, dataset and board task belongs to one';
COMMENT ON COLUMN tasker.orgs.slug IS 'Stable short name, used by the CLI, the admin API and the org claim of JWTs';

-- The default org: a single-team install needs no setup. Its id is fixed so that columns can default to it.
INSERT INTO tasker.orgs (id, name, slug) VALUES ('00000000-0000-7000-8000-000000000001', 'Default', 'default');

CREATE TABLE tasker.users (
    id          uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    org_id      uuid        NOT NULL,
    external_id text        NOT NULL,
    email       text,
    role        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_external_id_key UNIQUE (external_id),
    CONSTRAINT users_role_builtin CHECK (role IN ('admin', 'operator', 'developer', 'viewer', 'worker')),
    CONSTRAINT users_external_id_length CHECK (length(external_id) BETWEEN 1 AND 200),
    CONSTRAINT users_org_id_fkey FOREIGN KEY (org_id) REFERENCES tasker.orgs (id)
);
CREATE INDEX users_org_idx ON tasker.users (org_id, role);
COMMENT ON TABLE tasker.users IS 'People and services that call Tasker; each belongs to one org';
COMMENT ON COLUMN tasker.users.external_id IS 'The identity provider''s id (a JWT''s sub); unique across orgs';
COMMENT ON COLUMN tasker.users.role IS 'Base role: one of the built-in roles';

CREATE TABLE tasker.org_roles (
    id         uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    org_id     uuid        NOT NULL,
    slug       text        NOT NULL,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT org_roles_pkey PRIMARY KEY (id),
    CONSTRAINT org_roles_org_slug_key UNIQUE (org_id, slug),
    CONSTRAINT org_roles_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    CONSTRAINT org_roles_slug_not_builtin CHECK (slug NOT IN ('admin', 'operator', 'developer', 'viewer', 'worker')),
    CONSTRAINT org_roles_org_id_fkey FOREIGN KEY (org_id) REFERENCES tasker.orgs (id)
);
COMMENT ON TABLE tasker.org_roles IS 'Custom roles of an org: a slug and a set of permissions, given through memberships';

CREATE TABLE tasker.org_role_memberships (
    role_id    uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT org_role_memberships_pkey PRIMARY KEY (role_id, user_id),
    CONSTRAINT org_role_memberships_role_id_fkey FOREIGN KEY (role_id) REFERENCES tasker.org_roles (id)
        ON DELETE CASCADE,
    CONSTRAINT org_role_memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES tasker.users (id)
        ON DELETE CASCADE
);
CREATE INDEX org_role_memberships_user_idx ON tasker.org_role_memberships (user_id);
COMMENT ON TABLE tasker.org_role_memberships IS 'Which users hold which custom roles (of their own org)';

CREATE TABLE tasker.org_role_permissions (
    role_id    uuid        NOT NULL,
    permission text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT org_role_permissions_pkey PRIMARY KEY (role_id, permission),
    CONSTRAINT org_role_permissions_format CHECK (permission ~ '^[a-z_]+:[a-z_]+$'),
    CONSTRAINT org_role_permissions_role_id_fkey FOREIGN KEY (role_id) REFERENCES tasker.org_roles (id)
        ON DELETE CASCADE
);
COMMENT ON TABLE tasker.org_role_permissions IS 'The permissions (area:verb codes) a custom role grants';

CREATE TABLE tasker.user_disablements (
    user_id     uuid        NOT NULL,
    disabled_at timestamptz NOT NULL DEFAULT now(),
    disabled_by uuid,
    CONSTRAINT user_disablements_pkey PRIMARY KEY (user_id),
    CONSTRAINT user_disablements_user_id_fkey FOREIGN KEY (user_id) REFERENCES tasker.users (id) ON DELETE CASCADE
);
COMMENT ON TABLE tasker.user_disablements IS 'Disabled users: they cannot authenticate (kept beside users, whose columns are seed 002''s)';

CREATE TABLE tasker.api_keys (
    key_uuid     uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    user_id      uuid        NOT NULL,
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    key_hash     text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT api_keys_pkey PRIMARY KEY (key_uuid),
    CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
    CONSTRAINT api_keys_key_hash_format CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT api_keys_name_length CHECK (length(name) BETWEEN 1 AND 200),
    CONSTRAINT api_keys_user_id_fkey FOREIGN KEY (user_id) REFERENCES tasker.users (id) ON DELETE CASCADE
);
CREATE INDEX api_keys_user_idx ON tasker.api_keys (user_id);
COMMENT ON TABLE tasker.api_keys IS 'API keys of users; the secret is shown once at creation and stored only as its SHA-256';
COMMENT ON COLUMN tasker.api_keys.prefix IS 'The first characters of the key, so that people can tell their keys apart';
COMMENT ON COLUMN tasker.api_keys.key_hash IS 'Lower-case hex SHA-256 of the whole key';

CREATE TABLE tasker.admin_audit (
    id         uuid        NOT NULL DEFAULT tasker.uuid_generate_v7(),
    org_id     uuid        NOT NULL,
    actor_id   uuid,
    action     text        NOT NULL,
    subject    text        NOT NULL,
    details    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT admin_audit_pkey PRIMARY KEY (id),
    CONSTRAINT admin_audit_org_id_fkey FOREIGN KEY (org_id) REFERENCES tasker.orgs (id)
);
CREATE INDEX admin_audit_org_created_idx ON tasker.admin_audit (org_id, created_at);
COMMENT ON TABLE tasker.admin_audit IS 'Who changed orgs, users, roles and keys (actor_id is NULL for the CLI acting on the database)';

-- Template namespaces belong to an org. Names stay globally unique, so the engine's template key
-- (namespace, name, version) is unchanged; an org cannot see or use another org's namespace.
ALTER TABLE tasker.task_namespaces
    ADD COLUMN org_id uuid NOT NULL DEFAULT '00000000-0000-7000-8000-000000000001',
    ADD CONSTRAINT task_namespaces_org_id_fkey FOREIGN KEY (org_id) REFERENCES tasker.orgs (id);
CREATE INDEX task_namespaces_org_idx ON tasker.task_namespaces (org_id);
COMMENT ON COLUMN tasker.task_namespaces.org_id IS 'The org that owns the namespace (the default org unless claimed by another)';
