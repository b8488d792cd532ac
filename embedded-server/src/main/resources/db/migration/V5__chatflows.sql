-- Deployed chatflows, each conversation's place in its flow, and side effects done once.

-- config is the deployed flow document (nodes, edges, variables, settings, appearance…), replaced
-- in one UPDATE on redeploy, like a chatbot's.
CREATE TABLE chatflows (
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
CREATE INDEX ix_chatflows_workspace ON chatflows (workspace_id);

-- A conversation's flow state: variables, the question it waits on, nodes' own memory. Every
-- write checks and bumps revision (optimistic concurrency: two turns at once cannot both win);
-- state_hash is the SHA-256 (base64) of the canonical JSON, so a changed state is visible.
CREATE TABLE flow_states (
    session_id   VARCHAR(36)  PRIMARY KEY REFERENCES chat_sessions (id) ON DELETE CASCADE,
    flow_id      VARCHAR(36)  NOT NULL,
    flow_version INTEGER      NOT NULL,
    state        ${long_text} NOT NULL,
    revision     INTEGER      NOT NULL,
    state_hash   VARCHAR(44)  NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Side effects (an HTTP call that changes something, a handoff ticket) done for
-- session:node:revision, with their output: a retried turn reuses the output instead of
-- repeating the effect.
CREATE TABLE flow_effects (
    idempotency_key VARCHAR(200) PRIMARY KEY,
    session_id      VARCHAR(36)  NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
    node_id         VARCHAR(64)  NOT NULL,
    output          ${long_text} NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_flow_effects_session ON flow_effects (session_id);

-- Escalations to a person, opened by a flow's handoff node. The session keeps the ticket id in
-- its metadata ("handoff"), so the conversation shows as waiting for a human.
CREATE TABLE handoff_tickets (
    id           VARCHAR(36)   PRIMARY KEY,
    workspace_id VARCHAR(36)   NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    session_id   VARCHAR(36)   NOT NULL,
    bot_id       VARCHAR(36)   NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    priority     VARCHAR(16)   NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_handoff_priority CHECK (priority IN ('low', 'normal', 'high')),
    CONSTRAINT ck_handoff_status CHECK (status IN ('open', 'closed'))
);
CREATE INDEX ix_handoffs_workspace ON handoff_tickets (workspace_id, status, created_at);
