-- Webhooks: a tenant's endpoints, one delivery per (endpoint, event), and every attempt to send it.

create table webhook_endpoint (
    id           uuid primary key,
    tenant_id    varchar(64) not null references tenant(id),
    url          varchar(2000) not null,
    description  varchar(500),
    -- event types, comma-separated: job.succeeded,job.failed,job.cancelled,batch.completed
    event_types  varchar(500) not null,
    -- whsec_ + base64 of the key: kept readable because every delivery is signed with it
    secret       varchar(200) not null,
    created_at   timestamptz not null
);
create index webhook_endpoint_tenant on webhook_endpoint (tenant_id, created_at);

-- The webhook outbox: written in the transaction that ends the job; its id is the webhook-id header,
-- the same on every attempt and replay. The payload is frozen when the event happens.
create table webhook_delivery (
    id               uuid primary key,
    endpoint_id      uuid not null references webhook_endpoint(id) on delete cascade,
    tenant_id        varchar(64) not null,
    event_type       varchar(32) not null,
    -- the job (job.*) or the batch (batch.completed) the event is about
    subject_id       uuid not null,
    payload          text not null,
    -- PENDING until an attempt answers 2xx (SUCCEEDED) or the retry period ends (FAILED)
    status           varchar(16) not null,
    -- failed attempts since queued_at: picks the next retry delay
    failures         integer not null default 0,
    -- when the current round of attempts began (the event, or a replay); retries stop retry-for later
    queued_at        timestamptz not null,
    -- due time; a claimed row is pushed one lease ahead, so a replica that dies mid-send gives it back
    next_attempt_at  timestamptz not null,
    created_at       timestamptz not null,
    delivered_at     timestamptz
);
-- one delivery per endpoint and event: a job ends once, a batch completes once even when its last jobs end together
create unique index webhook_delivery_once on webhook_delivery (endpoint_id, event_type, subject_id);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, created_at);

create table webhook_attempt (
    id            bigserial primary key,
    delivery_id   uuid not null references webhook_delivery(id) on delete cascade,
    started_at    timestamptz not null,
    duration_ms   bigint not null,
    -- the HTTP status answered, or null when no answer came (then error says why)
    status_code   integer,
    error         varchar(1000)
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, id);
