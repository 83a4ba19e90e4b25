// Mixdown Studio: sign-in, then hash routes #/new, #/jobs, #/job/{id}. No route carries the API key.

import { api, session, ApiError } from './api.js';
import { h, show } from './dom.js';
import { newJobPage } from './newjob.js';
import { jobsPage } from './jobs.js';
import { jobPage } from './result.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let leave = [];

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function signInPage(message) {
  const key = h('input', { id: 'api-key', type: 'password', autocomplete: 'current-password', required: true, spellcheck: false });
  const error = h('p', { id: 'signin-error', class: 'error', role: 'alert' }, message || '');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { id: 'signin', class: 'card' },
    h('h2', {}, 'Sign in'),
    h('p', {}, 'Use your API key (for the local cluster, ', h('code', {}, './mixdown up'), ' says where it is). It is kept in this tab only.'),
    h('label', { for: 'api-key' }, 'API key'), key, submit, error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    session.signIn(key.value.trim());
    try {
      await api.check();
      go(location.hash && !location.hash.startsWith('#/sign-in') ? location.hash : '#/new');
    } catch (err) {
      session.signOut();
      error.textContent = err instanceof ApiError && err.status === 401 ? 'That API key is not known to this gateway.' : err.message;
      submit.disabled = false;
      key.focus();
    }
  });
  nav.hidden = true;
  show(main, form);
  key.focus();
}

async function route() {
  leave.forEach((f) => f());
  leave = [];
  const onLeave = (f) => leave.push(f);
  if (!session.key()) {
    signInPage();
    return;
  }
  nav.hidden = false;
  const hash = location.hash || '#/new';
  document.querySelectorAll('#nav a').forEach((a) => a.toggleAttribute('aria-current', hash.startsWith(a.getAttribute('href'))));
  try {
    const job = hash.match(/^#\/job\/([0-9a-f-]{36})$/);
    if (job) await jobPage(main, job[1], go, onLeave);
    else if (hash.startsWith('#/jobs')) await jobsPage(main, go, onLeave);
    else await newJobPage(main, go);
    main.focus({ preventScroll: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session.signOut();
      signInPage('Your API key is no longer accepted; sign in again.');
    } else {
      show(main, h('p', { class: 'error', role: 'alert' }, e.message));
    }
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  go('#/sign-in');
});
window.addEventListener('hashchange', route);
route();
