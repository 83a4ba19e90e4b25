// A job's page: live status while it runs (server-sent events), then the player, the report,
// the plots, the downloads, and revisions (re-run with changed stems or targets, linked).

import { api, follow } from './api.js';
import { h, show, announce } from './dom.js';
import { downloads } from './downloads.js';
import { player } from './player.js';
import { reportView } from './report.js';
import { stemsTable, targetsFieldset } from './stems.js';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

function statusLine(job) {
  return h('div', { id: 'job-live', class: 'live' },
    h('span', { id: 'job-status', class: `status ${job.status.toLowerCase()}` }, job.status),
    h('progress', { id: 'job-progress', max: 100, value: job.progress ?? 0, 'aria-label': 'Job progress' }),
    h('span', { id: 'job-percent' }, job.progress === null || job.progress === undefined ? '' : `${Math.round(job.progress)} %`),
    h('span', { id: 'job-stage', class: 'stage' }, job.stage || ''),
    job.error ? h('p', { class: 'error', role: 'alert' }, `${job.error.code}: ${job.error.message}`) : null);
}

export async function jobPage(main, id, go, onLeave) {
  const page = await api.result(id);
  const heading = h('h2', {}, page.title);
  const links = h('p', { class: 'meta' }, `${page.job.kind} job ${page.job.id}`,
    page.job.revisionOf ? [' · revision of ', h('a', { href: `#/job/${page.job.revisionOf}`, id: 'revision-of' }, 'the original')] : null);
  const live = h('div', {}, statusLine(page.job));
  const body = h('div', { id: 'result' });
  show(main, heading, links, live, body);
  if (!TERMINAL.has(page.job.status)) {
    const stop = follow(id, (job) => {
      live.replaceChildren(statusLine(job));
      if (TERMINAL.has(job.status)) {
        announce(`Job ${job.status.toLowerCase()}`);
        jobPage(main, id, go, onLeave);
      }
    }, (e) => live.append(h('p', { class: 'error', role: 'alert' }, e.message)));
    onLeave(stop);
    return;
  }
  render(body, page, go);
}

function render(body, page, go) {
  const job = page.job;
  const waveform = page.plots.find((p) => p.name.includes('waveform'));
  const playable = page.sources.filter((s) => s.urls.length > 0);
  body.append(
    playable.length && job.status === 'SUCCEEDED' ? player(playable, waveform?.url) : null,
    job.status === 'SUCCEEDED' ? downloads(job) : null,
    reportView(page.report),
    page.plots.length ? h('section', { id: 'plots', 'aria-label': 'Plots' }, h('h3', {}, 'Plots'),
      page.plots.map((p) => h('figure', {}, h('img', { src: p.url, alt: p.name.replace(/^plot-|\.png$/g, ''), loading: 'lazy' }),
        h('figcaption', {}, p.name.replace(/^plot-|\.png$/g, ''))))) : null,
    revisions(page));
  reviseForm(page, go).then((form) => body.append(form));
}

function revisions(page) {
  if (page.revisions.length === 0) return null;
  return h('section', { id: 'revisions', 'aria-label': 'Revisions' }, h('h3', {}, 'Revisions of this job'),
    h('ul', {}, page.revisions.map((r) => h('li', {}, h('a', { href: `#/job/${r.id}` }, `${r.status} · ${new Date(r.createdAt).toLocaleString()}`)))));
}

function reviseForm(page, go) {
  const req = page.request;
  const chosen = (req.deliverables || []).map((d) => d.target?.name).filter(Boolean);
  const form = h('form', { id: 'revise', class: 'revise' }, h('h3', {}, 'Revise'),
    h('p', {}, 'Change stems or targets and run again; the revision is linked to this job and both stay playable.'));
  const submit = h('button', { type: 'submit', id: 'revise-submit' }, 'Run revision');
  const error = h('p', { class: 'error', role: 'alert' });
  let readStems = null;
  return api.vocabulary().then((vocabulary) => {
    if (page.stems.length) {
      const t = stemsTable(page.stems, vocabulary);
      readStems = t.read;
      form.append(h('div', { class: 'scroll' }, t.table));
    }
    const targets = targetsFieldset(vocabulary, chosen, req.profile || 'neutral');
    form.append(targets.fieldset, submit, error);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      submit.disabled = true;
      const t = targets.read();
      const changes = { deliverables: t.deliverables, profile: t.profile };
      if (readStems) changes.stems = readStems();
      try {
        const job = await api.revise(page.job.id, changes);
        go(`#/job/${job.id}`);
      } catch (err) {
        error.textContent = err.message;
        submit.disabled = false;
      }
    });
    return form;
  });
}
