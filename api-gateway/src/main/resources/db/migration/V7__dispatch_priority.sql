-- Dispatch order: within a tenant, a rushed job (priority 1) first, then interactive before bulk,
-- then oldest first; across tenants, turn by turn (OutboxClaims).
alter table outbox add column priority integer not null default 0;
-- when a job was rushed (raised to the front of its tenant's queue while it waited)
alter table job add column rushed_at timestamptz;
create index outbox_pending_tenant on outbox (tenant_id, priority desc, id) where dispatched_at is null;
