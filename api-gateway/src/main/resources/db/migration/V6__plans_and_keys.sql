-- Plans: what a tenant may use. A null limit is no limit. Months are calendar months in UTC.
create table plan (
    id                     varchar(64) primary key,
    description            varchar(500),
    -- jobs created (mix, master, revisions, each job of a batch) per calendar month
    jobs_per_month         integer,
    -- jobs queued, dispatched or running at once
    concurrent_jobs        integer,
    -- stems one mix job may name
    stems_per_job          integer,
    -- bytes uploaded per calendar month (counted when a job names an upload, from the store's size)
    upload_bytes_per_month bigint,
    -- the token bucket of each API key: refilled at this rate, holding at most burst requests
    requests_per_minute    integer,
    burst                  integer,
    created_at             timestamptz not null default now()
);

insert into plan (id, description, jobs_per_month, concurrent_jobs, stems_per_job, upload_bytes_per_month, requests_per_minute, burst) values
    ('free', 'three mixes a month', 3, 1, 16, 2147483648, 60, 20),
    ('pro', 'a working studio', 500, 8, 64, 214748364800, 600, 100),
    ('unlimited', 'no limits (the local cluster''s tenant, internal tenants)', null, null, null, null, null, null);

-- Tenants made before plans keep working as they did.
alter table tenant add column plan_id varchar(64) not null default 'unlimited' references plan(id);

-- API keys: an id to name a key by (list, revoke) without its hash; revoked_at in the future is a
-- rotation's grace period (the old key keeps working until then).
alter table api_key add column id varchar(32);
update api_key set id = substring(key_hash from 1 for 16);
alter table api_key alter column id set not null;
create unique index api_key_id on api_key (id);
alter table api_key add column revoked_at timestamptz;
create index api_key_tenant on api_key (tenant_id, created_at);

-- Usage look-ups: a tenant's jobs of this month, its unfinished jobs.
create index job_tenant_created on job (tenant_id, created_at);

-- Bytes of uploaded files counted against the month they were first named by a job in.
create table upload_usage (
    tenant_id   varchar(64) not null references tenant(id),
    object_key  varchar(1000) not null,
    bytes       bigint not null,
    counted_at  timestamptz not null default now(),
    primary key (tenant_id, object_key)
);
create index upload_usage_month on upload_usage (tenant_id, counted_at);
