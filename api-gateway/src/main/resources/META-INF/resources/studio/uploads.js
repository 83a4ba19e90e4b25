// Parallel uploads straight to the store through the gateway's signed upload URLs (POST /v1/uploads,
// then PUT to the URL it gives): a few files at a time, progress per file, retries on network errors.

import { api, ApiError } from './api.js';

export const AUDIO = /\.(wav|wave|aif|aiff|aifc|flac|mp3)$/i;
const PARALLEL = 3;
const ATTEMPTS = 4;

/**
 * Uploads `files`; `onChange(item)` is called whenever an item's state or progress changes.
 * Each item: {file, name, state: waiting|uploading|retrying|done|refused|failed, loaded, total, key, message, attempt}.
 * Resolves with the items once every file is done, refused or failed.
 */
export async function uploadAll(files, onChange) {
  const items = files.map((file) => ({
    file, name: file.name, state: 'waiting', loaded: 0, total: file.size, key: null, message: '', attempt: 0,
  }));
  for (const item of items) {
    if (!AUDIO.test(item.name)) refuse(item, `${item.name}: not an audio file Mixdown reads (WAV, AIFF, FLAC or MP3)`, onChange);
    else if (item.total === 0) refuse(item, `${item.name}: the file is empty`, onChange);
  }
  const queue = items.filter((i) => i.state === 'waiting');
  const workers = Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
    for (let item = queue.shift(); item; item = queue.shift()) await uploadOne(item, onChange);
  });
  await Promise.all(workers);
  return items;
}

function refuse(item, message, onChange) {
  item.state = 'refused';
  item.message = message;
  onChange(item);
}

async function uploadOne(item, onChange) {
  let slot = null;
  for (item.attempt = 1; item.attempt <= ATTEMPTS; item.attempt++) {
    item.state = item.attempt === 1 ? 'uploading' : 'retrying';
    item.loaded = 0;
    onChange(item);
    // the signed URL first (once), then the file; either may fail and be tried again
    let outcome = slot ? null : await askSlot(item);
    if (outcome && outcome.slot) {
      slot = outcome.slot;
      outcome = null;
    }
    if (!outcome) outcome = await put(slot.url, item, onChange);
    if (outcome.ok) {
      item.state = 'done';
      item.key = slot.key;
      item.loaded = item.total;
      onChange(item);
      return;
    }
    if (!outcome.retry) {
      refuse(item, `${item.name}: ${outcome.message}`, onChange);
      return;
    }
    item.message = `${outcome.message}; trying again (${item.attempt} of ${ATTEMPTS - 1} retries)`;
    onChange(item);
    await new Promise((r) => setTimeout(r, 500 * 2 ** item.attempt));
  }
  item.state = 'failed';
  item.message = `${item.name}: could not be uploaded after ${ATTEMPTS} attempts (${item.message})`;
  onChange(item);
}

/** The file's signed upload URL; a refusal is final, a network error or a 5xx/429 worth another try. */
async function askSlot(item) {
  try {
    return { slot: (await api.uploadSlot(item.name)).files[0] };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, retry: e.status >= 500 || e.status === 429, message: e.message };
    return { ok: false, retry: true, message: 'network error' };
  }
}

/** One PUT with upload progress (XMLHttpRequest: fetch reports no upload progress). */
function put(url, item, onChange) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      item.loaded = e.loaded;
      onChange(item);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ ok: true });
        return;
      }
      let message = `the gateway answered ${xhr.status}`;
      try {
        message = JSON.parse(xhr.responseText).message || message;
      } catch (e) {
        // keep the status
      }
      // 5xx and 429 are worth another try; any other refusal is final
      resolve({ ok: false, retry: xhr.status >= 500 || xhr.status === 429, message });
    };
    xhr.onerror = () => resolve({ ok: false, retry: true, message: 'network error' });
    xhr.ontimeout = () => resolve({ ok: false, retry: true, message: 'timed out' });
    xhr.send(item.file);
  });
}
