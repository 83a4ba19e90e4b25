-- Runs and leases (see JobRun in common-jobs): the gateway follows a job's newest run only, and a
-- run that stops sending events loses its lease; the job is then re-dispatched (dispatch + 1) or,
-- after too many lost runs, fails LOST_WORKER.
alter table job add column dispatch integer not null default 1;
alter table job add column run_id varchar(64);
alter table job add column run_dispatch integer;
alter table job add column run_attempt integer;
alter table job add column run_offset bigint;
alter table job add column run_start integer;
alter table job add column lease_expires_at timestamptz;
alter table job add column lost_runs integer not null default 0;
-- the reaper's look-ups: running jobs by lease, waiting jobs by age
create index job_running_lease on job (lease_expires_at) where status = 'RUNNING';
create index job_waiting_age on job (status, updated_at) where status in ('QUEUED', 'DISPATCHED');
