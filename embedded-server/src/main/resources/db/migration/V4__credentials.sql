-- Workspace credentials (encrypted with the server's Tink keyset), their audit trail, and each
-- workspace's default model settings. V3 is the chatbots and sessions migration.

-- ciphertext is Tink AES256-GCM over the secret's JSON, with "<id>|<workspace_id>" as associated
-- data: a ciphertext copied to another row does not decrypt. key_id is the keyset key that
-- encrypted it, so a key rotation knows which rows still use an older key.
CREATE TABLE credentials (
    id           VARCHAR(36)  PRIMARY KEY,
    workspace_id VARCHAR(36)  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    type         VARCHAR(16)  NOT NULL,
    ciphertext   ${binary}    NOT NULL,
    key_id       BIGINT       NOT NULL,
    created_by   VARCHAR(36)  REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    usage_count  BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_credentials_name UNIQUE (workspace_id, name),
    CONSTRAINT ck_credential_type CHECK (type IN ('api_key', 'basic_auth', 'oauth2_token', 'custom'))
);
CREATE INDEX ix_credentials_key ON credentials (key_id);

-- Who used or changed a credential, and why. Kept when the credential is deleted.
CREATE TABLE credential_audit (
    id            VARCHAR(36)  PRIMARY KEY,
    credential_id VARCHAR(36)  NOT NULL,
    workspace_id  VARCHAR(36)  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    action        VARCHAR(16)  NOT NULL,
    purpose       VARCHAR(200),
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_credential_audit_action CHECK (action IN ('created', 'updated', 'revealed', 'deleted', 're_encrypted'))
);
CREATE INDEX ix_credential_audit_credential ON credential_audit (credential_id, at);

-- The workspace's default model: {"provider": {...}, "model", "temperature", "max_tokens"}.
CREATE TABLE workspace_model_settings (
    workspace_id VARCHAR(36)   PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    settings     VARCHAR(8000) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
