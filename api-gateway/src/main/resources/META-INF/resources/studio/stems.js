// The stems table: one row per stem with its role (inferred from the name by the gateway, with
// the engine's table) and what a person may set: role, presence, pan, reverb, gain, mute.

import { h } from './dom.js';

function select(name, label, options, value, blank) {
  return h('select', { class: name, 'aria-label': label },
    blank ? h('option', { value: '' }, blank) : null,
    options.map((o) => h('option', { value: o, selected: o === value }, o)));
}

/**
 * A table for `rows` ({file, key, role, evidence, presence, pan, reverb, gainDb, mute}); returns
 * {table, read()} where read() gives the stems as a job request names them.
 */
export function stemsTable(rows, vocabulary) {
  const body = h('tbody');
  rows.forEach((r, i) => {
    const id = `stem-${i}`;
    body.append(h('tr', { dataset: { key: r.key, file: r.file } },
      h('th', { scope: 'row', id }, r.file),
      h('td', {}, select('role', `Role of ${r.file}`, vocabulary.roles, r.role, 'infer from audio'),
        r.evidence ? h('small', { class: 'evidence' }, r.evidence) : null),
      h('td', {}, select('presence', `Presence of ${r.file}`, vocabulary.presences, r.presence || 'normal')),
      h('td', {}, h('input', { class: 'pan', type: 'number', min: -1, max: 1, step: 0.1, value: r.pan ?? '',
        placeholder: 'auto', 'aria-label': `Pan of ${r.file}, -1 left to 1 right` })),
      h('td', {}, select('reverb', `Reverb of ${r.file}`, vocabulary.reverbs, r.reverb, 'auto')),
      h('td', {}, h('input', { class: 'gain', type: 'number', min: -60, max: 40, step: 0.5, value: r.gainDb ?? '',
        placeholder: '0', 'aria-label': `Gain of ${r.file} in dB` })),
      h('td', {}, h('input', { class: 'mute', type: 'checkbox', checked: !!r.mute, 'aria-label': `Mute ${r.file}` }))));
  });
  const table = h('table', { id: 'stems', class: 'grid' },
    h('caption', {}, 'Stems: roles come from the file names (the engine listens to the audio where no name matches)'),
    h('thead', {}, h('tr', {}, ['Stem', 'Role', 'Presence', 'Pan', 'Reverb', 'Gain dB', 'Mute'].map((t) => h('th', { scope: 'col' }, t)))),
    body);
  const read = () => [...body.rows].map((tr) => {
    const v = (cls) => tr.querySelector(`.${cls}`);
    const num = (cls) => (v(cls).value === '' ? undefined : Number(v(cls).value));
    const stem = { key: tr.dataset.key };
    if (v('role').value) stem.role = v('role').value;
    if (v('presence').value && v('presence').value !== 'normal') stem.presence = v('presence').value;
    if (num('pan') !== undefined) stem.pan = num('pan');
    if (v('reverb').value) stem.reverb = v('reverb').value;
    if (num('gain') !== undefined) stem.gainDb = num('gain');
    if (v('mute').checked) stem.mute = true;
    return stem;
  });
  return { table, read };
}

/** Target checkboxes (deliverables named after their target, WAV 24-bit) and a tone profile. */
export function targetsFieldset(vocabulary, chosen = ['spotify'], profile = 'neutral') {
  const fs = h('fieldset', { id: 'targets' },
    h('legend', {}, 'Master to (none: the mix only)'),
    h('div', { class: 'chips' }, vocabulary.targets.map((t) => h('label', {},
      h('input', { type: 'checkbox', name: 'target', value: t, checked: chosen.includes(t) }), ' ', t))),
    h('label', {}, 'Tone ', select('profile', 'Tone profile', vocabulary.profiles, profile)));
  const read = () => ({
    deliverables: [...fs.querySelectorAll('input[name=target]:checked')].map((c) => ({
      name: `${c.value}.wav`, format: 'wav', bits: '24', target: { name: c.value },
    })),
    profile: fs.querySelector('.profile').value,
  });
  return { fieldset: fs, read };
}
