// The gateway's REST API as the web app uses it. The API key lives in sessionStorage only and
// travels as the Authorization header: never in a URL, never logged.

const KEY = 'mixdown.apiKey';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

function headers(extra = {}) {
  return { Authorization: `Bearer ${session.key()}`, ...extra };
}

async function errorOf(res) {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || `the gateway answered ${res.status}`;
  try {
    const body = await res.json();
    code = body.code || code;
    message = body.message || message;
  } catch (e) {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, code, message);
}

/** A JSON call to the gateway; throws ApiError with the gateway's code and message. */
export async function call(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (!res.ok) throw await errorOf(res);
  return res.status === 204 ? null : res.json();
}

export const api = {
  /** Checks a key by listing one job: 401 means the key is unknown. */
  check: () => call('GET', '/v1/jobs?limit=1'),
  vocabulary: () => call('GET', '/v1/studio/vocabulary'),
  roles: (files) => call('POST', '/v1/studio/roles', { files }),
  uploadSlot: (name) => call('POST', '/v1/uploads', { files: [name] }),
  createJob: (job) => call('POST', '/v1/jobs', job),
  createBatch: (jobs) => call('POST', '/v1/batches', { jobs }),
  revise: (id, changes) => call('POST', `/v1/jobs/${encodeURIComponent(id)}/revisions`, changes),
  cancel: (id) => call('POST', `/v1/jobs/${encodeURIComponent(id)}/cancel`),
  job: (id) => call('GET', `/v1/jobs/${encodeURIComponent(id)}`),
  jobs: (status, q, limit = 100) => {
    const p = new URLSearchParams();
    if (status) p.set('status', status);
    if (q) p.set('q', q);
    p.set('limit', String(limit));
    return call('GET', `/v1/studio/jobs?${p}`);
  },
  result: (id) => call('GET', `/v1/studio/jobs/${encodeURIComponent(id)}`),
  outputsZip: (id, onBytes) => download(`/v1/jobs/${encodeURIComponent(id)}/outputs.zip`, onBytes),
};

/** A file the gateway streams, as a Blob; onBytes(received) as it arrives (the length is not known ahead). */
async function download(path, onBytes) {
  const res = await fetch(path, { headers: headers(), cache: 'no-store' });
  if (!res.ok) throw await errorOf(res);
  const reader = res.body.getReader();
  const parts = [];
  let received = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.length;
    onBytes(received);
  }
  return new Blob(parts, { type: res.headers.get('Content-Type') || 'application/octet-stream' });
}

/**
 * Follows a job's server-sent events (fetch, because EventSource cannot send the Authorization
 * header); calls onJob with each state. Reconnects while the job is not final; returns a stop function.
 */
export function follow(id, onJob, onError) {
  const stop = new AbortController();
  const terminal = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
  (async () => {
    let delayMs = 500;
    while (!stop.signal.aborted) {
      let last = null;
      try {
        const res = await fetch(`/v1/jobs/${encodeURIComponent(id)}/events`, {
          headers: headers({ Accept: 'text/event-stream' }), signal: stop.signal, cache: 'no-store',
        });
        if (!res.ok) throw await errorOf(res);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
            if (data) {
              last = JSON.parse(data);
              onJob(last);
            }
          }
        }
        if (last && terminal.has(last.status)) return;
        delayMs = 500;
      } catch (e) {
        if (stop.signal.aborted) return;
        if (e instanceof ApiError && e.status < 500) {
          onError(e);
          return;
        }
        delayMs = Math.min(delayMs * 2, 8000);
      }
      if (last && terminal.has(last.status)) return;
      await new Promise((r) => setTimeout(r, delayMs));
    }
  })();
  return () => stop.abort();
}
