// Boundary service worker: one dispatcher for named messages. Each name
// says its direction, and each handler accepts only the sender it expects.
// The worker makes no network requests of its own.

import * as policy from './sw-policy.js';
import * as audit from './sw-audit.js';
import * as replies from './sw-replies.js';
import { offscreenOpen, toOffscreen } from './offscreen-link.js';

const OFFSCREEN_URL = 'offscreen.html';
const CONTENT_ORIGINS = ['https://www.facebook.com', 'https://web.facebook.com', 'https://www.messenger.com'];
// ownPage accepts this extension's own pages (popup, options, report),
// whether they open as a popup or in a tab (options_ui.open_in_tab). The
// browser sets sender.url, and a content script's is the web page's, so
// only the extension's own documents pass.
const ownPage = (sender) => sender.id === chrome.runtime.id && typeof sender.url === 'string'
  && sender.url.startsWith(chrome.runtime.getURL(''));
const contentScript = (sender) => sender.id === chrome.runtime.id && !!sender.tab && typeof sender.url === 'string'
  && CONTENT_ORIGINS.some((o) => sender.url.startsWith(`${o}/`));

let offscreenReady = null;

// ensureOffscreen opens the extension document that runs the core for
// pages whose CSP forbids WebAssembly, and hands it the patient list.
function ensureOffscreen() {
  if (offscreenReady) return offscreenReady;
  offscreenReady = (async () => {
    if (!(await offscreenOpen())) {
      await chrome.offscreen.createDocument({
        url: OFFSCREEN_URL,
        reasons: ['DOM_PARSER'],
        justification: 'Runs the Boundary core on page markup when the page forbids WebAssembly.',
      });
    }
    await waitForOffscreen();
    await pushPatients();
  })().catch((e) => {
    offscreenReady = null;
    throw e;
  });
  return offscreenReady;
}

async function waitForOffscreen() {
  for (let i = 0; i < 100; i++) {
    const r = await toOffscreen({ type: 'sw→offscreen:ping' }).catch(() => null);
    if (r && r.ready) return;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error('offscreen core did not start');
}

async function pushPatients() {
  const { patients } = await chrome.storage.local.get('patients');
  const r = await toOffscreen({ type: 'sw→offscreen:set-patients', stored: patients || '' });
  if (r && r.error) throw new Error(r.error);
}

// Triage categories, most severe first (the order of wasm/triage).
const CATEGORIES = ['emergency', 'sensitive_info', 'complaint', 'medical_question', 'appointment_admin'];
const THREAD_ID = /^[A-Za-z0-9._-]{1,64}$/;

// today's counts live in session storage: friend requests flagged, and
// each clinical thread once, under its most severe category of the day.
// The day is the user's local calendar day.
async function today() {
  const d = new Date();
  const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const { counts } = await chrome.storage.session.get('counts');
  const fresh = { day: key, flagged: 0, threads: {} };
  if (!counts || counts.day !== key) return { key, counts: fresh };
  return { key, counts: { ...fresh, ...counts, threads: counts.threads || {} } };
}

function byCategory(threads) {
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  for (const c of Object.values(threads)) if (c in out) out[c]++;
  return out;
}

// Writes to the counts are serialised: two tabs reporting at once would
// otherwise each overwrite the other's update.
let countsQueue = Promise.resolve();
function updateCounts(f) {
  const run = countsQueue.then(async () => {
    const { counts } = await today();
    f(counts);
    await chrome.storage.session.set({ counts });
    return counts;
  });
  countsQueue = run.catch(() => {});
  return run;
}

const handlers = {
  'content→sw:scan-html': {
    accept: contentScript,
    async run(msg) {
      if (typeof msg.url !== 'string' || !Array.isArray(msg.markup) || !msg.markup.every((m) => typeof m === 'string')) {
        return { error: 'bad scan-html message' };
      }
      await ensureOffscreen();
      return toOffscreen({ type: 'sw→offscreen:scan-html', url: msg.url, markup: msg.markup });
    },
  },
  'content→sw:core-call': {
    accept: contentScript,
    async run(msg) {
      if (typeof msg.name !== 'string' || !Array.isArray(msg.args) || !msg.args.every((a) => typeof a === 'string')) {
        return { error: 'bad core-call message' };
      }
      await ensureOffscreen();
      return toOffscreen({ type: 'sw→offscreen:call', name: msg.name, args: msg.args });
    },
  },
  'content→sw:flagged': {
    accept: contentScript,
    async run(msg, sender) {
      const n = Number.isInteger(msg.count) && msg.count > 0 ? msg.count : 0;
      const threads = Array.isArray(msg.threads) ? msg.threads.slice(0, 500) : [];
      await updateCounts((counts) => {
        // Friend requests are counted by the content script's draw; a
        // thread's report names it, and it counts once a day.
        const threadCount = threads.length > 0 ? 0 : n;
        counts.flagged += threadCount;
        for (const t of threads) {
          if (!t || typeof t.id !== 'string' || !THREAD_ID.test(t.id) || !CATEGORIES.includes(t.category)) continue;
          const prev = counts.threads[t.id];
          if (!prev || CATEGORIES.indexOf(t.category) < CATEGORIES.indexOf(prev)) counts.threads[t.id] = t.category;
        }
      });
      if (n === 0) return { ok: true };
      const tab = sender.tab.id;
      const prev = await chrome.action.getBadgeText({ tabId: tab }).catch(() => '');
      await chrome.action.setBadgeText({ tabId: tab, text: String((parseInt(prev, 10) || 0) + n) });
      await chrome.action.setBadgeBackgroundColor({ tabId: tab, color: '#b3261e' });
      return { ok: true };
    },
  },
  'popup→sw:status': {
    accept: ownPage,
    async run() {
      await countsQueue;
      const { counts } = await today();
      return { counts: { day: counts.day, flagged: counts.flagged, threads: Object.keys(counts.threads).length, byCategory: byCategory(counts.threads) } };
    },
  },
};

// Each feature module contributes its own named handlers; a name defined
// twice is a programming error, caught here at start-up.
for (const mod of [policy, audit, replies]) {
  for (const [name, h] of Object.entries(mod.handlers)) {
    if (handlers[name]) throw new Error(`duplicate handler ${name}`);
    handlers[name] = h;
  }
}
for (const mod of [policy, audit, replies]) mod.start({ ownPage, contentScript });

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const h = msg && typeof msg.type === 'string' ? handlers[msg.type] : undefined;
  if (!h) return false; // not ours, e.g. a message meant for the offscreen document
  if (!h.accept(sender)) {
    sendResponse({ error: 'sender not allowed' });
    return false;
  }
  Promise.resolve()
    .then(() => h.run(msg, sender))
    .then(sendResponse, (e) => sendResponse({ error: String(e && e.message) }));
  return true;
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.patients && offscreenReady) {
    offscreenReady.then(pushPatients).catch(() => {});
  }
});
