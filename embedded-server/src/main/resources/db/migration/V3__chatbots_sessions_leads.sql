-- Deployed chatbots, their public keys, chat sessions and messages, and captured leads.
-- ${long_text} is VARCHAR(1000000) on H2, TEXT on PostgreSQL.

-- The live configuration is the deployed draft document, as JSON. Redeploying an edit replaces
-- it in one UPDATE, so readers see the old version or the new one, never a mix. The widget key
-- is public by design (it is in the embed code); the allowed domains are what limit it.
CREATE TABLE chatbots (
    id           VARCHAR(36)   PRIMARY KEY,
    workspace_id VARCHAR(36)   NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200)  NOT NULL,
    description  VARCHAR(2000) NOT NULL,
    config       ${long_text}  NOT NULL,
    version      INTEGER       NOT NULL,
    widget_key   VARCHAR(100)  NOT NULL,
    created_by   VARCHAR(36)   REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_chatbots_workspace ON chatbots (workspace_id);

-- Keys for the public API: 'secret' keys for servers, 'widget' keys that are published in the
-- embed code and accepted only from the bot's allowed domains. The secret is stored as SHA-256.
CREATE TABLE bot_keys (
    id           VARCHAR(36)  PRIMARY KEY,
    bot_id       VARCHAR(36)  NOT NULL,
    bot_type     VARCHAR(16)  NOT NULL,
    workspace_id VARCHAR(36)  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind         VARCHAR(16)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    prefix       VARCHAR(32)  NOT NULL UNIQUE,
    secret_hash  VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_bot_key_kind CHECK (kind IN ('secret', 'widget')),
    CONSTRAINT ck_bot_key_type CHECK (bot_type IN ('chatbot', 'chatflow'))
);
CREATE INDEX ix_bot_keys_bot ON bot_keys (bot_id);

-- One conversation. bot_id points at a chatbot or a chatflow (hence no foreign key); preview
-- sessions of drafts point at the draft and are marked by channel 'preview'.
CREATE TABLE chat_sessions (
    id              VARCHAR(36)  PRIMARY KEY,
    workspace_id    VARCHAR(36)  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    bot_type        VARCHAR(16)  NOT NULL,
    bot_id          VARCHAR(36)  NOT NULL,
    channel         VARCHAR(32)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    metadata        ${long_text} NOT NULL,
    message_count   INTEGER      NOT NULL,
    prompt_tokens   BIGINT       NOT NULL,
    completion_tokens BIGINT     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_message_at TIMESTAMP WITH TIME ZONE,
    closed_at       TIMESTAMP WITH TIME ZONE,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_session_status CHECK (status IN ('active', 'idle', 'closed', 'expired')),
    CONSTRAINT ck_session_bot_type CHECK (bot_type IN ('chatbot', 'chatflow'))
);
CREATE INDEX ix_sessions_bot ON chat_sessions (bot_type, bot_id, status);
CREATE INDEX ix_sessions_workspace ON chat_sessions (workspace_id, created_at);
CREATE INDEX ix_sessions_expiry ON chat_sessions (status, expires_at);
CREATE INDEX ix_sessions_activity ON chat_sessions (status, last_message_at);

CREATE TABLE chat_messages (
    id                VARCHAR(36)  PRIMARY KEY,
    session_id        VARCHAR(36)  NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
    workspace_id      VARCHAR(36)  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    seq               INTEGER      NOT NULL,
    role              VARCHAR(16)  NOT NULL,
    content           ${long_text} NOT NULL,
    content_type      VARCHAR(16)  NOT NULL,
    sources           ${long_text},
    response_metadata ${long_text},
    model             VARCHAR(200),
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    total_tokens      INTEGER,
    latency_ms        BIGINT,
    error             VARCHAR(2000),
    error_code        VARCHAR(64),
    feedback          VARCHAR(4000),
    feedback_at       TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_message_role CHECK (role IN ('user', 'assistant', 'system')),
    CONSTRAINT uq_message_seq UNIQUE (session_id, seq)
);
CREATE INDEX ix_messages_session ON chat_messages (session_id, seq);

CREATE TABLE leads (
    id            VARCHAR(36)   PRIMARY KEY,
    workspace_id  VARCHAR(36)   NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    bot_type      VARCHAR(16)   NOT NULL,
    bot_id        VARCHAR(36)   NOT NULL,
    session_id    VARCHAR(36)   REFERENCES chat_sessions (id) ON DELETE SET NULL,
    email         VARCHAR(320),
    name          VARCHAR(200),
    phone         VARCHAR(64),
    custom_fields VARCHAR(8000) NOT NULL,
    origin        VARCHAR(500),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_leads_bot ON leads (bot_id, created_at);
