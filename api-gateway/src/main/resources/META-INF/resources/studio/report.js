// The job's report (report.json, as the worker wrote it) as readable tables.

import { h, fmt } from './dom.js';

const MEASURES = [
  ['Integrated loudness', 'integratedLufs', 'LUFS'],
  ['Loudness range', 'loudnessRangeLu', 'LU'],
  ['True peak', 'truePeakDbtp', 'dBTP'],
  ['Sample peak', 'samplePeakDbfs', 'dBFS'],
  ['PLR', 'plrDb', 'dB'],
  ['Stereo correlation', 'stereoCorrelation', ''],
];

function table(id, caption, head, rows) {
  return h('div', { class: 'scroll' }, h('table', { id, class: 'grid' }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))))))));
}

/** Before and after: one column per measured program (the input or mix, then each delivered file). */
function loudness(programs) {
  return table('report-table', 'Loudness before and after', ['', ...programs.map((p) => p.label)],
    MEASURES.map(([label, key, unit]) => [label, ...programs.map((p) => fmt(p.m?.[key], key === 'stereoCorrelation' ? 2 : 1, unit))]));
}

function stems(list) {
  return table('report-stems', 'What the mix did to each stem, and why', ['Stem', 'Role', 'Presence', 'Gain', 'Pan', 'EQ', 'Compression',
    'Loudness before → in mix'], list.map((s) => [
    s.file,
    `${s.role} (${s.roleSource}${s.roleEvidence ? `: ${s.roleEvidence}` : ''})`,
    s.muted ? 'muted' : s.presence,
    fmt(s.gainDb, 1, 'dB'),
    `${fmt(s.pan, 2)}${s.panReason ? ` — ${s.panReason}` : ''}`,
    (s.eq || []).map((e) => `${e.shape} ${fmt(e.frequencyHz, 0, 'Hz')} ${fmt(e.gainDb, 1, 'dB')} (${e.reason})`).join('; ') || 'none',
    s.compression ? `${fmt(s.compression.ratio, 1)}:1 at ${fmt(s.compression.thresholdDb, 1, 'dB')}, mean ${fmt(s.compressionMeanReductionDb, 1, 'dB')} reduction` : 'none',
    `${fmt(s.loudnessBeforeLufs, 1)} → ${fmt(s.loudnessInMixLufs, 1)} LUFS`,
  ]));
}

function deliveries(master) {
  return table('report-deliverables', 'Delivered files', ['File', 'Target', 'Gain', 'Limiter', 'On target', 'Note'],
    (master.deliverables || []).map((d) => [d.file, `${d.target} (${fmt(d.targetLufs, 1, 'LUFS')}, ${fmt(d.ceilingDbtp, 1, 'dBTP')})`,
      fmt(d.gainDb, 1, 'dB'), d.limiter ? `mean ${fmt(d.limiter.meanReductionDb, 1, 'dB')}, max ${fmt(d.limiter.maxReductionDb, 1, 'dB')}` : '—',
      d.onTarget ? 'yes' : `no (${fmt(d.loudnessErrorLu, 1, 'LU')} off)`, d.note || '']));
}

export function reportView(report) {
  if (!report) return h('p', {}, 'The report appears when the job has succeeded.');
  const master = report.master || (report.deliverables ? report : null);
  const programs = [];
  if (report.mix) programs.push({ label: 'Mix', m: report.mix });
  else if (master?.before) programs.push({ label: 'Input', m: master.before });
  for (const d of master?.deliverables || []) programs.push({ label: d.file, m: d.after });
  const warnings = [...(report.warnings || []), ...(report.master?.warnings || [])];
  return h('section', { id: 'report', 'aria-label': 'Report' }, h('h3', {}, 'Report'),
    h('p', { class: 'meta' }, `Engine ${report.engineVersion || master?.engineVersion || ''}`),
    loudness(programs),
    report.stems ? stems(report.stems) : null,
    master ? deliveries(master) : null,
    warnings.length ? h('ul', { class: 'warnings' }, warnings.map((w) => h('li', {}, w))) : null);
}
