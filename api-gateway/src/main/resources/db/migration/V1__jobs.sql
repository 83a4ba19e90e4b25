-- Tenants and their API keys (stored as SHA-256 hashes, never in clear).
create table tenant (
    id          varchar(64) primary key,
    name        varchar(200) not null,
    created_at  timestamptz not null default now()
);

create table api_key (
    key_hash    char(64) primary key,
    tenant_id   varchar(64) not null references tenant(id),
    label       varchar(200),
    created_at  timestamptz not null default now()
);

-- One row per job; state moves QUEUED -> DISPATCHED -> RUNNING -> SUCCEEDED | FAILED | CANCELLED,
-- and RUNNING -> DISPATCHED with attempt + 1 on a retry.
create table job (
    id               uuid primary key,
    tenant_id        varchar(64) not null references tenant(id),
    kind             varchar(16) not null,
    lane             varchar(16) not null,
    status           varchar(16) not null,
    attempt          integer not null,
    last_event_seq   bigint not null default -1,
    progress         double precision,
    stage            varchar(200),
    request          text not null,
    idempotency_key  varchar(200),
    outputs          text,
    report_key       varchar(1000),
    error_code       varchar(64),
    error_message    text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create unique index job_idempotency on job (tenant_id, idempotency_key) where idempotency_key is not null;
create index job_tenant_status on job (tenant_id, status, created_at);

-- The transactional outbox: written with the job, published to Kafka by the dispatcher.
create table outbox (
    id             bigserial primary key,
    job_id         uuid not null references job(id),
    tenant_id      varchar(64) not null,
    topic          varchar(200) not null,
    payload        text not null,
    created_at     timestamptz not null default now(),
    dispatched_at  timestamptz
);
create index outbox_pending on outbox (id) where dispatched_at is null;
