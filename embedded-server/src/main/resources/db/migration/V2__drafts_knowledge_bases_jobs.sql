-- Drafts (chatbots, chatflows, knowledge bases), knowledge bases with their documents and
-- chunks, and the background jobs table. ${long_text} and ${binary} are Flyway placeholders:
-- VARCHAR(1000000)/VARBINARY on H2, TEXT/BYTEA on PostgreSQL.

-- Work in progress, the role Redis plays in the seeds: a JSON document per draft, a TTL extended
-- on every save, a version for optimistic concurrency.
CREATE TABLE drafts (
    id           VARCHAR(36) PRIMARY KEY,
    workspace_id VARCHAR(36) NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    type         VARCHAR(16) NOT NULL,
    data         ${long_text} NOT NULL,
    version      BIGINT      NOT NULL,
    created_by   VARCHAR(36) REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_draft_type CHECK (type IN ('chatbot', 'chatflow', 'kb'))
);
CREATE INDEX ix_drafts_workspace ON drafts (workspace_id, type);
CREATE INDEX ix_drafts_expiry ON drafts (expires_at);

CREATE TABLE knowledge_bases (
    id              VARCHAR(36)  PRIMARY KEY,
    workspace_id    VARCHAR(36)  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name            VARCHAR(200) NOT NULL,
    description     VARCHAR(2000) NOT NULL,
    embedding_model VARCHAR(64)  NOT NULL,
    chunking        VARCHAR(4000) NOT NULL,
    retrieval       VARCHAR(4000) NOT NULL,
    created_by      VARCHAR(36)  REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_kb_workspace ON knowledge_bases (workspace_id);

CREATE TABLE kb_documents (
    id            VARCHAR(36)   PRIMARY KEY,
    kb_id         VARCHAR(36)   NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
    workspace_id  VARCHAR(36)   NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    source_type   VARCHAR(16)   NOT NULL,
    name          VARCHAR(1000) NOT NULL,
    uri           VARCHAR(4000),
    media_type    VARCHAR(200),
    size_bytes    BIGINT        NOT NULL,
    content_hash  VARCHAR(64),
    status        VARCHAR(16)   NOT NULL,
    error_code    VARCHAR(64),
    error_message VARCHAR(2000),
    chunk_count   INTEGER       NOT NULL,
    annotations   VARCHAR(4000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_kb_document_status CHECK (status IN ('pending', 'processing', 'ready', 'error')),
    CONSTRAINT ck_kb_document_source CHECK (source_type IN ('file', 'url', 'text'))
);
CREATE INDEX ix_kb_documents_kb ON kb_documents (kb_id, status);

-- The source of truth for search: the Lucene index is rebuilt from these rows.
CREATE TABLE kb_chunks (
    id              VARCHAR(36)  PRIMARY KEY,
    kb_id           VARCHAR(36)  NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
    document_id     VARCHAR(36)  NOT NULL REFERENCES kb_documents (id) ON DELETE CASCADE,
    position        INTEGER      NOT NULL,
    text            ${long_text} NOT NULL,
    context_text    ${long_text},
    page            INTEGER,
    heading_path    VARCHAR(4000) NOT NULL,
    start_offset    INTEGER      NOT NULL,
    end_offset      INTEGER      NOT NULL,
    token_count     INTEGER      NOT NULL,
    embedding       ${binary}    NOT NULL,
    embedding_model VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_kb_chunk_position UNIQUE (document_id, position)
);
CREATE INDEX ix_kb_chunks_kb ON kb_chunks (kb_id);

-- Background work. Workers claim a row by moving it to 'running' with a lease; a lease that
-- runs out (a crashed process) makes the job claimable again, so work resumes after a restart.
CREATE TABLE jobs (
    id           VARCHAR(36)  PRIMARY KEY,
    workspace_id VARCHAR(36)  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    type         VARCHAR(64)  NOT NULL,
    subject_id   VARCHAR(36)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    progress     VARCHAR(4000) NOT NULL,
    attempts     INTEGER      NOT NULL,
    max_attempts INTEGER      NOT NULL,
    locked_by    VARCHAR(100),
    locked_until TIMESTAMP WITH TIME ZONE,
    run_after    TIMESTAMP WITH TIME ZONE NOT NULL,
    error        VARCHAR(2000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_job_status CHECK (status IN ('queued', 'running', 'succeeded', 'failed'))
);
CREATE INDEX ix_jobs_claim ON jobs (status, run_after);
CREATE INDEX ix_jobs_subject ON jobs (subject_id);
