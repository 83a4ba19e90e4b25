-- Jobs created together in one call share a batch; a re-run with changed settings points at the job it revises.
alter table job add column batch_id uuid;
alter table job add column revision_of uuid references job(id);
create index job_batch on job (tenant_id, batch_id) where batch_id is not null;
