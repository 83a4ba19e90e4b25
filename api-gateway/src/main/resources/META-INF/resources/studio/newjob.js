// New job: pick or drop a folder of stems (one mix job) or single mixes (one master job each),
// watch them upload, set the stems' roles and the targets, submit.

import { api } from './api.js';
import { h, show, announce, bytes } from './dom.js';
import { uploadAll } from './uploads.js';
import { stemsTable, targetsFieldset } from './stems.js';

/** Files of a dropped folder (or files), depth first. */
async function droppedFiles(dataTransfer) {
  const entries = [...dataTransfer.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  if (entries.length === 0) return [...dataTransfer.files];
  const out = [];
  const walk = async (entry) => {
    if (entry.isFile) out.push(await new Promise((res, rej) => entry.file(res, rej)));
    else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const e of batch) await walk(e);
      }
    }
  };
  for (const e of entries) await walk(e);
  return out;
}

export async function newJobPage(main, go) {
  const vocabulary = await api.vocabulary();
  const mode = h('fieldset', { class: 'mode' }, h('legend', {}, 'What are you uploading?'),
    h('label', {}, h('input', { type: 'radio', name: 'mode', value: 'stems', checked: true }), ' Stems of one song (mixed, then mastered)'),
    h('label', {}, h('input', { type: 'radio', name: 'mode', value: 'mixes' }), ' Finished mixes (each mastered)'));
  const files = h('input', { id: 'files', type: 'file', multiple: true, accept: '.wav,.wave,.aif,.aiff,.flac,.mp3,audio/*' });
  const folder = h('input', { id: 'folder', type: 'file', webkitdirectory: true, multiple: true });
  const drop = h('div', { id: 'drop', class: 'drop', tabindex: 0, role: 'group', 'aria-label': 'Drop files or a folder here' },
    h('p', {}, 'Drop a folder of stems or audio files here, or'),
    h('label', { class: 'button', for: 'files' }, 'Choose files'), ' ', files,
    h('label', { class: 'button', for: 'folder' }, 'Choose a folder'), ' ', folder);
  const overall = h('progress', { id: 'overall', max: 1, value: 0, 'aria-label': 'Overall upload progress' });
  const list = h('ul', { id: 'uploads', class: 'uploads', 'aria-live': 'polite' });
  const settings = h('section', { id: 'settings', 'aria-label': 'Job settings' });
  const message = h('p', { id: 'new-error', role: 'alert', class: 'error' });
  show(main, h('h2', {}, 'New job'), mode, drop, h('div', { class: 'overall' }, h('span', {}, 'Upload '), overall), list, message, settings);

  const start = async (picked) => {
    if (picked.length === 0) return;
    picked.sort((a, b) => (a.webkitRelativePath || a.name).localeCompare(b.webkitRelativePath || b.name));
    message.textContent = '';
    settings.replaceChildren();
    const rows = new Map();
    list.replaceChildren(...picked.map((f, i) => {
      const bar = h('progress', { max: 1, value: 0, 'aria-label': `Upload of ${f.name}` });
      const state = h('span', { class: 'state' }, 'waiting');
      const li = h('li', { dataset: { file: f.name, state: 'waiting' } }, h('span', { class: 'name' }, f.name), ' ',
        h('small', {}, bytes(f.size)), bar, state, h('span', { class: 'file-error', role: 'alert' }));
      rows.set(i, { li, bar, state });
      return li;
    }));
    const index = new Map(picked.map((f, i) => [f, i]));
    const total = picked.reduce((s, f) => s + f.size, 0) || 1;
    const loaded = new Map();
    const items = await uploadAll(picked, (item) => {
      const row = rows.get(index.get(item.file));
      row.li.dataset.state = item.state;
      row.bar.value = item.total ? item.loaded / item.total : 0;
      row.state.textContent = item.state === 'retrying' ? `retrying (${item.attempt})` : item.state;
      row.li.querySelector('.file-error').textContent = item.state === 'refused' || item.state === 'failed' || item.state === 'retrying'
        ? item.message : '';
      loaded.set(item.file, item.state === 'refused' ? item.total : item.loaded);
      overall.value = Math.min(1, [...loaded.values()].reduce((a, b) => a + b, 0) / total);
    });
    const uploaded = items.filter((i) => i.state === 'done');
    announce(`${uploaded.length} of ${items.length} files uploaded`);
    if (uploaded.length === 0) {
      message.textContent = 'No file was uploaded: see the message beside each file.';
      return;
    }
    await settingsFor(uploaded);
  };

  const settingsFor = async (uploaded) => {
    const kind = main.querySelector('input[name=mode]:checked').value;
    const targets = targetsFieldset(vocabulary, ['spotify'], 'neutral');
    const submit = h('button', { id: 'submit', type: 'submit', class: 'primary' }, kind === 'stems' ? 'Mix and master' : 'Master');
    let readStems = null;
    const form = h('form', { id: 'job-form' });
    if (kind === 'stems') {
      const guesses = await api.roles(uploaded.map((u) => u.name));
      const { table, read } = stemsTable(uploaded.map((u, i) => ({ file: u.name, key: u.key, role: guesses[i].role,
        evidence: guesses[i].role ? `from ${guesses[i].evidence}` : '' })), vocabulary);
      readStems = read;
      form.append(h('div', { class: 'scroll' }, table));
    }
    form.append(targets.fieldset, submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      submit.disabled = true;
      message.textContent = '';
      const t = targets.read();
      try {
        if (kind === 'stems') {
          const job = await api.createJob({ kind: 'mix', stems: readStems(), deliverables: t.deliverables, profile: t.profile });
          go(`#/job/${job.id}`);
        } else {
          if (t.deliverables.length === 0) throw new Error('choose at least one target to master to');
          const jobs = uploaded.map((u) => ({ kind: 'master', input: u.key, deliverables: t.deliverables, profile: t.profile }));
          if (jobs.length === 1) go(`#/job/${(await api.createJob(jobs[0])).id}`);
          else {
            await api.createBatch(jobs);
            go('#/jobs');
          }
        }
      } catch (err) {
        message.textContent = err.message;
        submit.disabled = false;
      }
    });
    show(settings, form);
  };

  files.addEventListener('change', () => start([...files.files]));
  folder.addEventListener('change', () => start([...folder.files]));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    start(await droppedFiles(e.dataTransfer));
  });
  drop.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); files.click(); }
  });
}
