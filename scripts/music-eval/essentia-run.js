// essentia.js peer for scripts/eval-music.sh: RhythmExtractor2013 (multifeature) and KeyExtractor
// (defaults) on a 16-bit PCM WAV, mixed to mono. Usage: node essentia-run.js IN.wav OUT.json
// Needs `npm install essentia.js` in the working directory (the script sets NODE_PATH).
const fs = require('fs');
const { Essentia, EssentiaWASM } = require('essentia.js');

function readWav(path) {
  const b = fs.readFileSync(path);
  let offset = 12, channels = 2, bits = 16, format = 1, data = null, rate = 44100;
  while (offset + 8 <= b.length) {
    const id = b.toString('ascii', offset, offset + 4);
    const size = b.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      format = b.readUInt16LE(offset + 8);
      channels = b.readUInt16LE(offset + 10);
      rate = b.readUInt32LE(offset + 12);
      bits = b.readUInt16LE(offset + 22);
    } else if (id === 'data') {
      data = b.subarray(offset + 8, offset + 8 + size);
    }
    offset += 8 + size + (size & 1);
  }
  if (bits !== 16 || format !== 1) throw new Error('16-bit PCM only: ' + path);
  const frames = Math.floor(data.length / (2 * channels));
  const mono = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let s = 0;
    for (let c = 0; c < channels; c++) s += data.readInt16LE(2 * (i * channels + c));
    mono[i] = s / (32768 * channels);
  }
  return { mono, rate };
}

const [, , input, output] = process.argv;
const { mono, rate } = readWav(input);
if (rate !== 44100) throw new Error('44.1 kHz only');
const essentia = new Essentia(EssentiaWASM);
const signal = essentia.arrayToVector(mono);
const rhythm = essentia.RhythmExtractor2013(signal, 208, 'multifeature', 40);
const key = essentia.KeyExtractor(signal);
const names = { 'A#': 'Bb', 'D#': 'Eb', 'G#': 'Ab', 'Db': 'C#', 'Gb': 'F#' };
const root = names[key.key] || key.key;
fs.writeFileSync(output, JSON.stringify({
  bpm: rhythm.bpm,
  beats: Array.from(essentia.vectorToArray(rhythm.ticks)),
  key: root + ' ' + key.scale,
}));
