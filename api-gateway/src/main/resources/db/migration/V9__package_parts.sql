-- Package jobs (issue 11): a package is a parent job (kind 'package', never published itself) whose
-- parts are ordinary jobs (kind 'mix', run by the mix workers) naming it. A part is 'plan',
-- 'version:NAME' or 'assemble'; the parent ends when its assemble part has, or when a part fails.
alter table job add column parent_id uuid references job(id);
alter table job add column part varchar(64);
-- each part exists once, however often the events that create it are repeated or raced
create unique index job_package_part on job (parent_id, part) where parent_id is not null;
