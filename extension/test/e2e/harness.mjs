// Shared set-up for the browser tests and the benchmark: the testbed server,
// Debian's Chromium with the built extension loaded, the DevTools-protocol
// view into the content script's isolated world, and the egress recorder.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXT_DIR = path.join(ROOT, 'dist', 'chrome');
export const TESTBED_BIN = process.env.BOUNDARY_TESTBED || path.join(ROOT, 'build', 'testbed');
export const HOSTS = ['www.facebook.com', 'facebook.com', 'web.facebook.com', 'www.messenger.com', 'messenger.com'];

// startTestbed runs the testbed binary on a free port and resolves once it
// prints its listening line. Its request log (JSON Lines) goes to logFile.
export async function startTestbed({ logFile, extraArgs = [] } = {}) {
  if (!existsSync(TESTBED_BIN)) throw new Error(`testbed binary missing at ${TESTBED_BIN}: run scripts/build-testbed`);
  const args = ['-addr', '127.0.0.1:0', ...extraArgs];
  if (logFile) args.push('-log', logFile);
  const proc = spawn(TESTBED_BIN, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('testbed did not start in 20 s')), 20000);
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/listening on https:\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.on('exit', (code) => reject(new Error(`testbed exited with ${code}`)));
  });
  return { port, stop: () => proc.kill('SIGTERM') };
}

// launch starts Chromium with the extension. Every host but the testbed's
// fails to resolve, so nothing can leave the machine; the net log records
// every request any context made, for the egress check. loopback: true
// lets 127.0.0.1 and localhost through as well, for a local policy Worker.
export async function launch({ port, headless = true, extension = EXT_DIR, netLog = true, locale = 'en-US', loopback = false }) {
  const profile = mkdtempSync(path.join(tmpdir(), 'boundary-profile-'));
  const netLogFile = netLog ? path.join(profile, 'netlog.json') : null;
  const rules = HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`)
    .concat(loopback ? ['EXCLUDE 127.0.0.1', 'EXCLUDE localhost'] : [])
    .concat(['MAP * ~NOTFOUND']).join(', ');
  const args = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter', '--disable-default-apps', '--metrics-recording-only',
    `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
    `--host-resolver-rules=${rules}`, '--ignore-certificate-errors', `--lang=${locale}`,
  ];
  if (headless) args.unshift('--headless=new');
  if (netLogFile) args.push(`--log-net-log=${netLogFile}`, '--net-log-capture-mode=Everything');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless,
    ignoreDefaultArgs: ['--disable-extensions'],
    args,
    viewport: { width: 1280, height: 900 },
    locale,
    // On Linux, Chromium takes its UI language (chrome.i18n's) from
    // LANGUAGE, not from --lang.
    env: { ...process.env, LANGUAGE: `${locale.replace('-', '_')}:${locale.split('-')[0]}` },
  });
  let sw = context.serviceWorkers()[0];
  if (!sw) sw = await context.waitForEvent('serviceworker', { timeout: 15000 });
  const extensionId = new URL(sw.url()).host;
  return {
    context,
    sw,
    extensionId,
    netLogFile,
    async close() {
      await context.close();
      return () => rmSync(profile, { recursive: true, force: true });
    },
  };
}

// setStorage writes chrome.storage.local through the service worker.
export async function setStorage(sw, items) {
  await sw.evaluate((it) => chrome.storage.local.set(it), items);
}

// importPatients runs the options page's own import on a CSV, the way a
// user would, and returns what the page said.
export async function importPatients(context, extensionId, csvPath) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.setInputFiles('#csv-file', csvPath);
  await page.waitForSelector('#preview:not([hidden])', { timeout: 15000 });
  await page.click('#import');
  await page.waitForFunction(() => document.getElementById('import-result').textContent.length > 0);
  const result = await page.textContent('#import-result');
  await page.close();
  return result;
}

// isolated evaluates an expression in the content script's isolated world
// of page, which the page itself cannot see. It waits for that world.
export async function isolated(page, expression, { timeout = 15000 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + timeout;
  try {
    for (;;) {
      // Content-script worlds carry the extension's origin; Playwright's
      // own utility worlds carry the page's.
      const ctx = contexts.filter((c) => c.auxData && c.auxData.type === 'isolated' && c.origin.startsWith('chrome-extension://')).pop();
      if (ctx) {
        const r = await cdp.send('Runtime.evaluate', { expression, contextId: ctx.id, returnByValue: true, awaitPromise: true });
        if (r.exceptionDetails) throw new Error(`isolated eval failed: ${r.exceptionDetails.text} ${JSON.stringify(r.exceptionDetails.exception && r.exceptionDetails.exception.description)}`);
        return r.result.value;
      }
      if (Date.now() > deadline) throw new Error('no content-script world on the page');
      await new Promise((res) => setTimeout(res, 50));
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// waitStats polls the content script's stats until pred holds.
export async function waitStats(page, pred, { timeout = 20000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await isolated(page, 'JSON.stringify(globalThis.__boundaryStats || null)').then(JSON.parse);
    if (last && pred(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stats: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// badges returns, for every badge host on the page, the text inside its
// closed shadow root and the nearest card's avatar name. Closed shadow roots
// are invisible to the page and to Playwright's selectors, but the DevTools
// protocol's DOM domain can pierce them.
export async function badges(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const out = [];
    const text = (n) => (n.nodeType === 3 ? n.nodeValue : (n.children || []).map(text).join(''))
      + (n.shadowRoots || []).map(text).join('');
    const walk = (n) => {
      if (n.localName === 'boundary-badge') {
        const sr = (n.shadowRoots || [])[0];
        const find = (x, tag) => (x.localName === tag ? x : (x.children || []).map((c) => find(c, tag)).find(Boolean));
        const strong = sr && find(sr, 'strong');
        out.push({
          nodeId: n.nodeId, backendNodeId: n.backendNodeId, shadowMode: sr && sr.shadowRootType,
          text: sr ? text(sr) : '', summary: strong ? text(strong) : '',
        });
      }
      for (const c of n.children || []) walk(c);
      for (const s of n.shadowRoots || []) walk(s);
      if (n.contentDocument) walk(n.contentDocument);
    };
    walk(root);
    for (const b of out) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: b.backendNodeId });
      const r = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        returnByValue: true,
        functionDeclaration: `function () {
          for (let n = this.parentElement; n; n = n.parentElement) {
            const av = n.querySelector('svg[role=img][aria-label]');
            if (av) return { avatar: av.getAttribute('aria-label') };
          }
          return { avatar: '' };
        }`,
      });
      Object.assign(b, r.result.value);
    }
    return out;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// readNetLog returns every URL a network request was started for, with the
// initiator Chromium recorded, from a finished net log.
export function readNetLog(file) {
  let raw = readFileSync(file, 'utf8').trim();
  // A net log cut short by a crash lacks its closing brackets.
  if (!raw.endsWith('}')) raw = raw.replace(/,?\s*$/, '') + ']}';
  const log = JSON.parse(raw);
  const types = Object.fromEntries(Object.entries(log.constants.logEventTypes).map(([k, v]) => [v, k]));
  const out = [];
  for (const e of log.events) {
    const t = types[e.type];
    if ((t === 'URL_REQUEST_START_JOB' || t === 'REQUEST_ALIVE' || t === 'CORS_REQUEST') && e.params && e.params.url) {
      out.push({ type: t, url: e.params.url, initiator: e.params.initiator || '', method: e.params.method || '' });
    }
  }
  return out;
}

// SITE_HOSTS are the hostnames the testbed answers for.
export const SITE_HOSTS = ['www.facebook.com', 'facebook.com', 'web.facebook.com', 'www.messenger.com', 'messenger.com'];

// offSiteRequests reads a finished net log (close the browser first) and
// returns every request that left both the testbed's site and the
// extension: requests any extension context started to anywhere but its own
// pages, and requests a page started to a host the testbed does not serve.
// Chromium's own background requests (initiator "not an origin") are not
// the extension's; they all fail to resolve, since only the testbed's hosts
// resolve. allow lists URLs the extension may request (a policy server).
export function offSiteRequests(netLogFile, extensionId, { allow = [] } = {}) {
  const requests = readNetLog(netLogFile);
  if (requests.length === 0) throw new Error(`the net log ${netLogFile} recorded no request`);
  const browserOwn = (r) => r.initiator === 'not an origin' || r.initiator === '';
  return requests.filter((r) => {
    const u = new URL(r.url);
    if (u.protocol === 'chrome-extension:') return u.host !== extensionId;
    if (allow.includes(r.url)) return false;
    if (r.initiator.startsWith('chrome-extension://')) return true;
    if (['https:', 'http:', 'wss:', 'ws:'].includes(u.protocol)) return !SITE_HOSTS.includes(u.hostname) && !browserOwn(r);
    return false;
  });
}

// patientSurnames lists the surnames (longer than three letters) of a
// patient CSV with a Surname column, for checking that none travelled.
export function patientSurnames(csvPath) {
  const csv = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const col = csv[0].split(',').indexOf('Surname');
  if (col < 0) throw new Error(`${csvPath} has no Surname column`);
  return csv.slice(1).map((l) => l.split(',')[col]).filter((x) => x && x.length > 3);
}

// shadowNodes returns the elements inside the closed shadow roots of every
// hostTag element, flattened, with their text, attributes and backend node
// ids (for shadowClick). Only the DevTools protocol can see inside them.
export async function shadowNodes(page, hostTag) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const text = (n) => (n.nodeType === 3 ? n.nodeValue : (n.children || []).map(text).join(''));
    const out = [];
    const walkShadow = (n, host) => {
      if (n.nodeType === 1) {
        const attrs = {};
        for (let i = 0; i < (n.attributes || []).length; i += 2) attrs[n.attributes[i]] = n.attributes[i + 1];
        out.push({ host, tag: n.localName, attrs, text: text(n), backendNodeId: n.backendNodeId });
      }
      for (const c of n.children || []) walkShadow(c, host);
    };
    let hosts = 0;
    const walk = (n) => {
      if (n.localName === hostTag) {
        const id = hosts++;
        for (const s of n.shadowRoots || []) {
          out.push({ host: id, tag: '#shadow-root', attrs: { mode: s.shadowRootType }, text: text(s), backendNodeId: s.backendNodeId });
          walkShadow(s, id);
        }
      }
      for (const c of n.children || []) walk(c);
      for (const s of n.shadowRoots || []) walk(s);
    };
    walk(root);
    return out;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// shadowClick clicks, with the real mouse, the first element inside a
// hostTag's closed shadow root that matches pred.
export async function shadowClick(page, hostTag, pred, { timeout = 10000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const n = (await shadowNodes(page, hostTag)).find(pred);
    if (n) {
      const cdp = await page.context().newCDPSession(page);
      try {
        await cdp.send('DOM.getDocument', { depth: 0 });
        await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: n.backendNodeId }).catch(() => {});
        const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: n.backendNodeId });
        const q = model.content;
        await page.mouse.click((q[0] + q[4]) / 2, (q[1] + q[5]) / 2);
        return n;
      } finally {
        await cdp.detach().catch(() => {});
      }
    }
    if (Date.now() > deadline) throw new Error(`no matching element inside <${hostTag}>`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// marks returns every Messenger mark Boundary drew: row badges
// (boundary-badge in a thread row) and conversation banners
// (boundary-banner), with the text inside their closed shadow roots, the
// pill's accessible label and class, the banner's role, and the thread
// they belong to (from the row's /t/ link, the chat window's link or the
// page address). The DevTools protocol pierces the closed roots.
export async function marks(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const out = [];
    const text = (n) => (n.nodeType === 3 ? n.nodeValue : (n.children || []).map(text).join(''))
      + (n.shadowRoots || []).map(text).join('');
    const attr = (n, k) => { const a = n.attributes || []; for (let i = 0; i < a.length; i += 2) if (a[i] === k) return a[i + 1]; return null; };
    const find = (x, pred) => (pred(x) ? x : (x.children || []).map((c) => find(c, pred)).find(Boolean));
    const walk = (n) => {
      if (n.localName === 'boundary-badge' || n.localName === 'boundary-banner') {
        const sr = (n.shadowRoots || [])[0];
        const pill = sr && find(sr, (x) => x.localName === 'button' && /\bpill\b/.test(attr(x, 'class') || ''));
        const box = sr && find(sr, (x) => x.localName === 'section');
        const h2 = sr && find(sr, (x) => x.localName === 'h2');
        out.push({
          tag: n.localName, backendNodeId: n.backendNodeId, shadowMode: sr && sr.shadowRootType,
          text: sr ? text(sr) : '',
          pill: pill ? text(pill) : '', label: pill ? attr(pill, 'aria-label') : (box ? attr(box, 'aria-label') : ''),
          cls: pill ? attr(pill, 'class') : (box ? attr(box, 'class') : ''),
          role: box ? attr(box, 'role') : '', heading: h2 ? text(h2) : '',
        });
      }
      for (const c of n.children || []) walk(c);
      for (const s of n.shadowRoots || []) walk(s);
    };
    walk(root);
    for (const m of out) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: m.backendNodeId });
      const r = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        returnByValue: true,
        functionDeclaration: `function () {
          const id = (href) => { const x = /\\/t\\/([^/?#]+)/.exec(href || ''); return x ? x[1] : ''; };
          const row = this.closest('[role=row]');
          if (row) { const a = row.querySelector('a[href*="/t/"]'); return { where: 'row', thread: id(a && a.getAttribute('href')) }; }
          const dlg = this.closest('[role=dialog]');
          if (dlg) { const a = dlg.querySelector('a[href*="/t/"]'); return { where: 'chat', thread: id(a && a.getAttribute('href')) }; }
          return { where: 'conversation', thread: id(location.pathname) };
        }`,
      });
      Object.assign(m, r.result.value);
    }
    return out;
  } finally {
    await cdp.detach().catch(() => {});
  }
}
