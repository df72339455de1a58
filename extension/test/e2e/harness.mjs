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
