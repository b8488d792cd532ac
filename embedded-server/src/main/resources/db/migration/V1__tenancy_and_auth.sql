-- Users, organizations, workspaces, memberships, refresh tokens and API keys.
-- Portable SQL: the same script runs on H2 (embedded) and PostgreSQL (server mode).
-- Ids are text UUIDs; timestamps are UTC with time zone.

CREATE TABLE users (
    id               VARCHAR(36)  PRIMARY KEY,
    email            VARCHAR(320) NOT NULL,
    email_normalized VARCHAR(320) NOT NULL,
    name             VARCHAR(200) NOT NULL,
    password_hash    VARCHAR(255),
    is_local         BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_users_email UNIQUE (email_normalized)
);

CREATE TABLE organizations (
    id         VARCHAR(36)  PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    created_by VARCHAR(36)  REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE organization_members (
    organization_id VARCHAR(36) NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            VARCHAR(16) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (organization_id, user_id),
    CONSTRAINT ck_org_member_role CHECK (role IN ('owner', 'admin', 'editor', 'viewer'))
);
CREATE INDEX ix_org_members_user ON organization_members (user_id);

CREATE TABLE workspaces (
    id              VARCHAR(36)  PRIMARY KEY,
    organization_id VARCHAR(36)  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            VARCHAR(200) NOT NULL,
    is_default      BOOLEAN      NOT NULL DEFAULT FALSE,
    created_by      VARCHAR(36)  REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_workspaces_org ON workspaces (organization_id);

CREATE TABLE workspace_members (
    workspace_id VARCHAR(36) NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         VARCHAR(16) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, user_id),
    CONSTRAINT ck_ws_member_role CHECK (role IN ('owner', 'admin', 'editor', 'viewer'))
);
CREATE INDEX ix_ws_members_user ON workspace_members (user_id);

-- Refresh tokens are JWTs; the row lets us rotate them and refuse a reused or revoked one.
CREATE TABLE refresh_tokens (
    id          VARCHAR(36) PRIMARY KEY,
    user_id     VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);

-- The secret is shown once; only its SHA-256 is kept. The public prefix finds the row.
CREATE TABLE api_keys (
    id           VARCHAR(36)  PRIMARY KEY,
    workspace_id VARCHAR(36)  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    key_prefix   VARCHAR(32)  NOT NULL,
    secret_hash  VARCHAR(64)  NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    created_by   VARCHAR(36)  REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_api_keys_prefix UNIQUE (key_prefix),
    CONSTRAINT ck_api_key_role CHECK (role IN ('admin', 'editor', 'viewer'))
);
CREATE INDEX ix_api_keys_workspace ON api_keys (workspace_id);
