// Service-worker part of the clinic policy sync. The one network request
// Boundary ever makes is here: a GET of the clinic's policy pack from the
// clinic's own server, carrying only the read token (Authorization) and the
// ETag of the copy already held (If-None-Match). Nothing flows up: no
// names, messages or patient list.
//
// Sync runs when the service worker starts and on a chrome.alarms
// schedule. Every answer is checked by the core's validator (the same Go
// code the server validates with), run in the offscreen document, because
// the service worker does not load the wasm core. A failed sync, an
// unreachable server or a pack that fails validation never replaces the
// last good policy; the failure is recorded for the options page and popup.
//
// Storage: clinicConnection {url, clinic, token};
// clinicPolicy {pack, etag, locked, syncedAt, lastAttempt, lastError,
// lastErrorWhy}. lastError is the failure in English; lastErrorWhy is the
// same as {key, args} for the pages to word in the browser's language.

import { offscreenOpen, toOffscreen } from './offscreen-link.js';

const ALARM = 'boundary-policy-sync';
const PERIOD_MINUTES = 60;
const TIMEOUT_MS = 15000;
const MAX_BYTES = 256 * 1024; // the server's own limit for a pack
const OFFSCREEN_URL = 'offscreen.html';
const STARTUP_MIN_GAP_MS = 5 * 60 * 1000;

let running = null;

// SyncError is a failure in English (message) and as a catalogue key with
// its arguments (why). Arguments such as a server's reply are text.
class SyncError extends Error {
  constructor(key, english, ...args) {
    super(english);
    this.why = { key, args: args.map((a) => String(a)) };
  }
}

// refused is checkConnection's answer for a connection it cannot use.
const refused = (key, english) => ({ error: english, why: { key, args: [] } });

// fromPage accepts the extension's own options page and popup; narrower than sw.js's ownPage: the exact page each message comes from.
// Content scripts carry the web page's URL, never the extension's.
function fromPage(sender, page) {
  return sender.id === chrome.runtime.id && typeof sender.url === 'string'
    && sender.url.split(/[?#]/)[0] === chrome.runtime.getURL(page);
}
const optionsPage = (s) => fromPage(s, 'options.html');
const popupPage = (s) => fromPage(s, 'popup.html');

export const handlers = {
  // The options page saves a connection; the first sync runs at once so
  // the page can say whether it worked.
  'options→sw:policy-connect': {
    accept: optionsPage,
    async run(msg) {
      const conn = checkConnection(msg);
      if (conn.error) return conn;
      const { clinicConnection: prev } = await chrome.storage.local.get('clinicConnection');
      if (!prev || prev.url !== conn.url || prev.clinic !== conn.clinic) {
        // Another clinic's policy must not linger under the new one.
        await chrome.storage.local.remove('clinicPolicy');
      }
      await chrome.storage.local.set({ clinicConnection: conn });
      return { state: await sync() };
    },
  },
  'options→sw:policy-disconnect': {
    accept: optionsPage,
    async run() {
      await chrome.storage.local.remove(['clinicConnection', 'clinicPolicy']);
      return { ok: true };
    },
  },
  'options→sw:policy-sync': { accept: optionsPage, run: async () => ({ state: await sync() }) },
  'popup→sw:policy-sync': { accept: popupPage, run: async () => ({ state: await sync() }) },
};

export function start() {
  ensureAlarm();
  chrome.alarms.onAlarm.addListener((a) => {
    if (a.name !== ALARM) return;
    sync().catch(() => {});
    ensureAlarm();
  });
  // The worker restarts whenever a message wakes it; a sync per restart
  // would hit the server far more often than the schedule intends.
  chrome.storage.local.get('clinicPolicy').then(({ clinicPolicy: p }) => {
    if (!p || !p.lastAttempt || Date.now() - Date.parse(p.lastAttempt) > STARTUP_MIN_GAP_MS) sync().catch(() => {});
  });
}

// ensureAlarm keeps the hourly schedule in place, also after a one-off
// alarm of the same name has replaced it.
async function ensureAlarm() {
  const a = await chrome.alarms.get(ALARM);
  if (!a || a.periodInMinutes !== PERIOD_MINUTES) {
    await chrome.alarms.create(ALARM, { periodInMinutes: PERIOD_MINUTES, delayInMinutes: PERIOD_MINUTES });
  }
}

// checkConnection returns a clean {url, clinic, token} or {error, why}.
export function checkConnection(msg) {
  if (!msg || typeof msg.url !== 'string' || typeof msg.clinic !== 'string' || typeof msg.token !== 'string') {
    return refused('syncErr_badMessage', 'bad connect message');
  }
  let u;
  try {
    u = new URL(msg.url.trim());
  } catch {
    return refused('syncErr_notURL', 'The server address is not a web address.');
  }
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) {
    return refused('syncErr_https', 'The server address must start with https:// (http:// only for this computer).');
  }
  if (u.username || u.password || u.search || u.hash) return refused('syncErr_urlParts', 'The server address must not carry a user name, query or fragment.');
  const clinic = msg.clinic.trim();
  if (!/^[a-z0-9-]{1,64}$/.test(clinic)) return refused('syncErr_clinicId', 'The clinic id is lower-case letters, digits and "-", as your admin gave it.');
  const token = msg.token.trim();
  if (!/^[\x21-\x7e]{8,200}$/.test(token)) return refused('syncErr_token', 'The token looks wrong: paste it exactly as your admin gave it.');
  return { url: u.origin + u.pathname.replace(/\/+$/, ''), clinic, token };
}

export function policyURL(conn) {
  return `${conn.url}/v1/clinics/${encodeURIComponent(conn.clinic)}/policy`;
}

// sync fetches the policy once; concurrent callers share the same run.
export function sync() {
  if (!running) running = syncOnce().finally(() => { running = null; });
  return running;
}

async function syncOnce() {
  const { clinicConnection: conn, clinicPolicy: held } = await chrome.storage.local.get(['clinicConnection', 'clinicPolicy']);
  if (!conn) return null;
  const state = { ...(held || {}), lastAttempt: new Date().toISOString() };
  try {
    const got = await fetchPolicy(conn, held && held.pack ? held.etag : '');
    if (got.notModified) {
      state.syncedAt = state.lastAttempt;
      state.lastError = null;
      state.lastErrorWhy = null;
    } else {
      const report = JSON.parse(await coreCall('policyValidate', got.text));
      if (!report.ok) {
        const problems = report.problems.slice(0, 3).join('; ');
        throw new SyncError('syncErr_invalid', `the server sent a policy that is not valid (${problems})`, problems);
      }
      if (report.min_version && newer(report.min_version, chrome.runtime.getManifest().version)) {
        throw new SyncError('syncErr_version', `the clinic's policy needs Boundary ${report.min_version} or later; update the extension`, report.min_version);
      }
      Object.assign(state, {
        pack: JSON.parse(got.text), etag: got.etag, locked: report.locked,
        syncedAt: state.lastAttempt, lastError: null, lastErrorWhy: null,
      });
    }
  } catch (e) {
    state.lastError = String((e && e.message) || e);
    // A failure without a key (a bug, a browser error) stays English.
    state.lastErrorWhy = e instanceof SyncError ? e.why : null;
  }
  // The connection may have changed while the request was out.
  const { clinicConnection: now } = await chrome.storage.local.get('clinicConnection');
  if (now && now.url === conn.url && now.clinic === conn.clinic && now.token === conn.token) {
    await chrome.storage.local.set({ clinicPolicy: state });
  }
  return state;
}

async function fetchPolicy(conn, etag) {
  const headers = { Authorization: `Bearer ${conn.token}` };
  if (etag) headers['If-None-Match'] = etag;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
  let res;
  try {
    res = await fetch(policyURL(conn), {
      method: 'GET', headers, cache: 'no-store', credentials: 'omit', redirect: 'error',
      referrerPolicy: 'no-referrer', signal: ctl.signal,
    });
  } catch (e) {
    throw ctl.signal.aborted
      ? new SyncError('syncErr_timeout', 'the server did not answer in time')
      : new SyncError('syncErr_unreachable', 'could not reach the server (offline, or the address is wrong)');
  } finally {
    clearTimeout(timer);
  }
  if (res.status === 304) return { notModified: true };
  if (res.status === 401) throw new SyncError('syncErr_token401', 'the server refused the token (revoked or mistyped); ask your admin for a new one');
  if (res.status === 403) throw new SyncError('syncErr_token403', 'this token is not for this clinic');
  if (res.status === 404) throw new SyncError('syncErr_noPolicy', 'the server has no policy for this clinic yet');
  if (res.status !== 200) throw new SyncError('syncErr_status', `the server answered ${res.status}`, res.status);
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new SyncError('syncErr_tooLarge', 'the server sent more than a policy can hold');
  try {
    JSON.parse(text);
  } catch {
    throw new SyncError('syncErr_notJSON', 'the server sent something that is not JSON');
  }
  return { text, etag: res.headers.get('ETag') || '' };
}

// coreCall runs a boundaryCore function in the offscreen document, opening
// it when needed. sw.js opens the same document for strict-CSP pages; at
// most one can exist, so a lost race is fine.
async function coreCall(name, ...args) {
  if (!(await offscreenOpen())) {
    try {
      await chrome.offscreen.createDocument({
        url: OFFSCREEN_URL,
        reasons: ['DOM_PARSER'],
        justification: 'Runs the Boundary core: checks page markup on strict-CSP pages and validates the clinic policy.',
      });
    } catch (e) {
      if (!/single offscreen|already/i.test(String(e && e.message))) throw e;
    }
  }
  for (let i = 0; ; i++) {
    const r = await toOffscreen({ type: 'sw→offscreen:ping' }).catch(() => null);
    if (r && r.ready) break;
    if (i > 150) throw new SyncError('syncErr_validatorStart', 'the validator did not start');
    await new Promise((res) => setTimeout(res, 20));
  }
  const r = await toOffscreen({ type: 'sw→offscreen:call', name, args });
  if (!r || r.error) {
    const why = (r && r.error) || 'no answer';
    throw new SyncError('syncErr_validator', `validator: ${why}`, why);
  }
  return r.result;
}

// newer reports whether version a is later than b ("0.2.0" > "0.1.9").
function newer(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((pa[i] || 0) !== (pb[i] || 0)) return (pa[i] || 0) > (pb[i] || 0);
  }
  return false;
}
