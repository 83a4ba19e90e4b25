// A finished job's downloads: each file from its presigned URL, and the whole package (outputs,
// report.json and plots) as one ZIP that the gateway streams from the store. A link cannot carry
// the Authorization header, so the ZIP is fetched with the key and handed to the browser as a file.

import { api } from './api.js';
import { h, announce, bytes, fmt } from './dom.js';

export function downloads(job) {
  const status = h('span', { id: 'zip-status', role: 'status' });
  const all = h('button', { type: 'button', id: 'download-all' }, 'Download all (ZIP)');
  all.addEventListener('click', async () => {
    all.disabled = true;
    status.classList.remove('error');
    status.textContent = 'preparing…';
    try {
      const zip = await api.outputsZip(job.id, (received) => { status.textContent = `${bytes(received)} received`; });
      save(zip, `mixdown-${job.id}.zip`);
      status.textContent = `${bytes(zip.size)} saved`;
      announce('Package downloaded');
    } catch (e) {
      status.classList.add('error');
      status.textContent = e.message;
    } finally {
      all.disabled = false;
    }
  });
  return h('section', { id: 'downloads', 'aria-label': 'Downloads' }, h('h3', {}, 'Downloads'),
    h('p', {}, all, ' ', status),
    h('ul', {}, job.outputs.map((o) => h('li', {}, h('a', { href: o.url, download: o.name, class: 'download', dataset: { bytes: o.bytes } },
      o.name), ` ${bytes(o.bytes)} · ${fmt(o.integratedLufs)} LUFS · ${fmt(o.truePeakDbtp)} dBTP`)),
    job.reportUrl ? h('li', {}, h('a', { href: job.reportUrl, download: 'report.json', class: 'download' }, 'report.json')) : null));
}

/** Saves `blob` as the file `name` through a temporary link. */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
