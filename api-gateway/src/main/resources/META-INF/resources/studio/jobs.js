// The jobs list: counts per status, a status filter, search by file name or id, live refresh,
// retry of a failed job (a revision with the same settings) and cancel of a queued one.

import { api } from './api.js';
import { h, show, announce } from './dom.js';

const STATUSES = ['QUEUED', 'DISPATCHED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

export async function jobsPage(main, go, onLeave) {
  const filter = h('select', { id: 'status-filter', 'aria-label': 'Status' }, h('option', { value: '' }, 'All statuses'),
    STATUSES.map((s) => h('option', { value: s }, s.toLowerCase())));
  const search = h('input', { id: 'search', type: 'search', placeholder: 'File name or job id', 'aria-label': 'Search jobs' });
  const counts = h('ul', { id: 'counts', class: 'counts', 'aria-label': 'Jobs per status' });
  const rows = h('tbody');
  const error = h('p', { class: 'error', role: 'alert' });
  show(main, h('h2', {}, 'Jobs'), counts,
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('label', {}, 'Status ', filter), h('label', {}, 'Search ', search)),
    error,
    h('div', { class: 'scroll' }, h('table', { id: 'job-table', class: 'grid' }, h('caption', {}, 'Newest first'),
      h('thead', {}, h('tr', {}, ['Job', 'Kind', 'Status', 'Progress', 'Created', ''].map((t) => h('th', { scope: 'col' }, t)))), rows)));

  const act = async (fn, label) => {
    try {
      await fn();
      announce(label);
      await load();
    } catch (e) {
      error.textContent = e.message;
    }
  };

  const load = async () => {
    const list = await api.jobs(filter.value, search.value.trim(), 200);
    counts.replaceChildren(...STATUSES.map((s) => h('li', { dataset: { status: s } },
      h('button', { type: 'button', class: 'link', 'aria-pressed': String(filter.value === s),
        onclick: () => { filter.value = filter.value === s ? '' : s; load(); } }, `${s.toLowerCase()} `, h('strong', {}, String(list.counts[s] ?? 0))))));
    rows.replaceChildren(...list.jobs.map((j) => h('tr', { dataset: { id: j.id, status: j.status } },
      h('th', { scope: 'row' }, h('a', { href: `#/job/${j.id}` }, j.title || j.id), j.revisionOf ? h('small', {}, ' (revision)') : null),
      h('td', {}, j.kind),
      h('td', {}, h('span', { class: `status ${j.status.toLowerCase()}` }, j.status), j.error ? h('small', { class: 'error' }, ` ${j.error.code}`) : null),
      h('td', {}, j.progress === null || j.progress === undefined ? '' : `${Math.round(j.progress)} % ${j.stage || ''}`),
      h('td', {}, new Date(j.createdAt).toLocaleString()),
      h('td', {},
        j.status === 'FAILED' ? h('button', { type: 'button', class: 'retry', onclick: () => act(() => api.revise(j.id, {}), 'Retried') }, 'Retry') : null,
        j.status === 'QUEUED'
          ? h('button', { type: 'button', class: 'cancel', onclick: () => act(() => api.cancel(j.id), 'Cancelled') }, 'Cancel') : null))));
    if (list.jobs.length === 0) rows.append(h('tr', {}, h('td', { colspan: 6 }, 'No jobs match.')));
  };

  let typing;
  filter.addEventListener('change', load);
  search.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(load, 250); });
  await load();
  const timer = setInterval(() => { if (document.visibilityState === 'visible') load().catch(() => {}); }, 3000);
  onLeave(() => clearInterval(timer));
}
