// The A/B player: every source (the original, the mix, each master) plays at once and in step,
// only the chosen one audible, so switching is instant and keeps the position. Loudness matching
// (on by default) plays each at the integrated loudness of the quietest, from the report's figures:
// a source's gain is (quietest − its loudness) dB, so "louder" never wins the comparison.

import { h, fmt, announce } from './dom.js';

const DRIFT_S = 0.08;

/** Gain in dB per source id: matched (≤ 0 dB each) or 0 for true levels, or when a loudness is unknown. */
export function gainsDb(sources, matched) {
  const known = sources.map((s) => s.integratedLufs).filter((l) => l !== null && l !== undefined);
  const quietest = Math.min(...known);
  return Object.fromEntries(sources.map((s) => [s.id,
    matched && known.length > 1 && s.integratedLufs !== null && s.integratedLufs !== undefined ? quietest - s.integratedLufs : 0]));
}

export function player(sources, waveformUrl) {
  let active = sources[0].id;
  let matched = true;
  const groups = new Map(sources.map((s) => [s.id, s.urls.map((url) => h('audio', {
    preload: 'auto', src: url, dataset: { source: s.id }, muted: s.id !== sources[0].id,
  }))]));
  const lead = (id) => groups.get(id)[0];
  const all = () => [...groups.values()].flat();

  const root = h('section', { id: 'player', class: 'player', 'aria-label': 'Player', dataset: { active } });
  const play = h('button', { id: 'play', type: 'button', class: 'primary', 'aria-label': 'Play' }, '▶ Play');
  const time = h('span', { id: 'time', class: 'time' }, '0:00');
  const seek = h('input', { id: 'seek', type: 'range', min: 0, max: 1, step: 0.001, value: 0, 'aria-label': 'Position' });
  const match = h('input', { id: 'match', type: 'checkbox', checked: true });
  const readout = h('span', { id: 'gain-readout', class: 'readout' });
  const buttons = sources.map((s, i) => h('button', {
    type: 'button', class: 'source-btn', dataset: { source: s.id }, 'aria-pressed': String(s.id === active),
    title: `${s.label} (key ${i + 1})`,
  }, `${i + 1} ${s.label}`, h('small', {}, s.integratedLufs === null || s.integratedLufs === undefined ? ' loudness unknown'
    : ` ${s.estimated ? '≈' : ''}${fmt(s.integratedLufs)} LUFS`)));
  const playhead = h('div', { id: 'playhead', class: 'playhead', 'aria-hidden': 'true' });
  const wave = waveformUrl ? h('div', { id: 'waveform', class: 'waveform' },
    h('img', { src: waveformUrl, alt: 'Waveform of the result' }), playhead) : null;

  const apply = () => {
    const gains = gainsDb(sources, matched);
    for (const s of sources) {
      for (const a of groups.get(s.id)) {
        a.volume = Math.min(1, 10 ** (gains[s.id] / 20));
        a.dataset.gainDb = gains[s.id].toFixed(2);
        a.muted = s.id !== active;
      }
    }
    root.dataset.active = active;
    root.dataset.gainDb = gains[active].toFixed(2);
    buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.source === active)));
    const label = sources.find((s) => s.id === active).label;
    readout.textContent = `${label}: ${matched ? `gain ${fmt(gains[active], 1)} dB to match loudness` : 'true level'}`;
  };

  const position = () => lead(active).currentTime;
  const syncTo = (t) => all().forEach((a) => { if (Math.abs(a.currentTime - t) > DRIFT_S) a.currentTime = t; });

  const select = (id) => {
    if (id === active) return;
    const t = position();
    // the new source is already playing (muted) in step; correct it only if it drifted
    groups.get(id).forEach((a) => { if (Math.abs(a.currentTime - t) > DRIFT_S) a.currentTime = t; });
    active = id;
    apply();
    announce(`Playing ${sources.find((s) => s.id === id).label}`);
  };

  const toggle = async () => {
    if (lead(active).paused) {
      syncTo(position());
      await Promise.all(all().map((a) => a.play().catch(() => {})));
      play.textContent = '⏸ Pause';
      play.setAttribute('aria-label', 'Pause');
    } else {
      all().forEach((a) => a.pause());
      play.textContent = '▶ Play';
      play.setAttribute('aria-label', 'Play');
    }
  };

  play.addEventListener('click', toggle);
  buttons.forEach((b) => b.addEventListener('click', () => select(b.dataset.source)));
  match.addEventListener('change', () => { matched = match.checked; apply(); });
  seek.addEventListener('input', () => {
    const d = lead(active).duration;
    if (Number.isFinite(d)) all().forEach((a) => { a.currentTime = Number(seek.value) * d; });
  });
  if (wave) {
    wave.addEventListener('click', (e) => {
      const d = lead(active).duration;
      const r = wave.getBoundingClientRect();
      if (Number.isFinite(d)) all().forEach((a) => { a.currentTime = ((e.clientX - r.left) / r.width) * d; });
    });
  }
  const tick = () => {
    const a = lead(active);
    const d = a.duration;
    const f = Number.isFinite(d) && d > 0 ? a.currentTime / d : 0;
    time.textContent = `${Math.floor(a.currentTime / 60)}:${String(Math.floor(a.currentTime % 60)).padStart(2, '0')}`;
    if (document.activeElement !== seek) seek.value = String(f);
    playhead.style.left = `${(f * 100).toFixed(2)}%`;
  };
  all().forEach((a) => a.addEventListener('timeupdate', () => { if (a === lead(active)) tick(); }));
  lead(active).addEventListener('ended', () => { play.textContent = '▶ Play'; });
  root.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.type !== 'checkbox') return;
    const n = Number(e.key);
    if (n >= 1 && n <= sources.length) { select(sources[n - 1].id); e.preventDefault(); }
    if (e.key === 'k') { toggle(); e.preventDefault(); }
  });

  root.append(
    h('div', { class: 'transport' }, play, time, seek),
    h('div', { class: 'sources', role: 'group', 'aria-label': 'Listen to (keys 1 to 9)' }, buttons),
    h('label', { class: 'match' }, match, ' Match loudness (off: true levels)'), readout,
    wave, h('div', { hidden: true }, all()));
  apply();
  return root;
}
