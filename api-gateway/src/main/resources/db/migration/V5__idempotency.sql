-- Idempotency keys get their own table: one key per tenant, remembering the endpoint it was used
-- on, a SHA-256 of the canonical request, and what the request created (job ids in order, comma-
-- separated; a batch's id). A retry with the same key and request gets that result; the same key
-- with another request or on another endpoint is refused. The key is claimed first in the
-- creating transaction, so concurrent retries wait for the first and then read its result.
create table idempotency_key (
    tenant_id     varchar(64) not null references tenant(id),
    key           varchar(200) not null,
    endpoint      varchar(64) not null,
    request_hash  char(64),
    job_ids       text,
    batch_id      uuid,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, key)
);

-- Keys used before this table: kept, under the endpoint they were used on; their requests were not
-- recorded (request_hash null), so any request with such a key replays its job.
insert into idempotency_key (tenant_id, key, endpoint, job_ids, created_at)
select tenant_id, idempotency_key,
       case when revision_of is not null then 'POST /v1/jobs/{id}/revisions' else 'POST /v1/jobs' end,
       id::text, created_at
from job
where idempotency_key is not null and (batch_id is null or revision_of is not null)
on conflict do nothing;

insert into idempotency_key (tenant_id, key, endpoint, job_ids, batch_id, created_at)
select tenant_id, regexp_replace(idempotency_key, '#[0-9]+$', ''), 'POST /v1/batches',
       string_agg(id::text, ',' order by substring(idempotency_key from '#([0-9]+)$')::int), batch_id, min(created_at)
from job
where idempotency_key ~ '#[0-9]+$' and batch_id is not null and revision_of is null
group by tenant_id, batch_id, regexp_replace(idempotency_key, '#[0-9]+$', '')
on conflict do nothing;

-- job.idempotency_key is no longer written; its unique index would only slow inserts.
drop index if exists job_idempotency;
