// Browser half of scripts/bench: cold start and incremental scan cost of
// the built extension in Chromium against the testbed. Prints JSON.
//
// Options, for A/B runs against another build: --ext DIR (default
// dist/chrome), --only cold|incremental.
import { statSync, readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';
import { ROOT, EXT_DIR, startTestbed, launch, importPatients, waitStats, isolated } from './e2e/harness.mjs';

const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const extDir = path.resolve(opt('--ext') || EXT_DIR);
const only = opt('--only');
const median = (xs) => { if (xs.length === 0) return null; const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const wasm = readFileSync(path.join(extDir, 'core.wasm'));
const result = {
  wasm: {
    raw: statSync(path.join(extDir, 'core.wasm')).size,
    gzip: gzipSync(wasm, { level: 9 }).length,
    brotli: brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  },
};

const tb = await startTestbed();
const br = await launch({ port: tb.port, netLog: false, extension: extDir });
try {
  await importPatients(br.context, br.extensionId, path.join(ROOT, 'wasm/testbed/data/patients.csv'));
  // Cold start: a fresh tab each run; document_start (content script start)
  // to the first full scan finished, and the parts of it.
  // Main-thread blocking: long tasks (> 50 ms) seen by an observer the
  // page's own world registers before any script runs. The content script
  // shares that thread, so its compile, instantiate and scans show up here.
  await br.context.addInitScript(() => {
    window.__longTasks = [];
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
        .observe({ type: 'longtask', buffered: true });
    } catch { /* no Long Tasks API */ }
  });
  const runs = [];
  for (let i = 0; i < (only === 'incremental' ? 0 : 7); i++) {
    const page = await br.context.newPage();
    await page.goto('https://www.facebook.com/friends/requests/');
    const s = await waitStats(page, (x) => x.firstScan > 0);
    await page.waitForTimeout(100); // let the observer deliver the last entries
    const lt = (await page.evaluate(() => window.__longTasks)).filter(([t]) => t + 1 >= s.t0 && t <= s.firstScan);
    const m = s.marks || {};
    const rel = (k) => (m[k] ? m[k] - s.t0 : null);
    runs.push({
      total: s.firstScan - s.t0, ready: s.ready - s.t0, scan: s.scans[0].ms,
      compiled: rel('compiled'), instantiated: rel('instantiated'), main: rel('main'), coreReady: rel('ready'),
      longTaskMs: lt.reduce((a, [, d]) => a + d, 0), blockingMs: lt.reduce((a, [, d]) => a + Math.max(0, d - 50), 0),
      maxTaskMs: lt.reduce((a, [, d]) => Math.max(a, d), 0),
    });
    await page.close();
  }
  const med = (k) => median(runs.map((r) => r[k]).filter((x) => x !== null));
  if (runs.length > 0) {
    result.coldStart = {
      runs: runs.length,
      medianMs: median(runs.map((r) => r.total)),
      medianCoreReadyMs: med('ready'),
      medianFirstScanMs: med('scan'),
      allMs: runs.map((r) => Math.round(r.total)),
      // Steps of the start, ms after the content script started (medians):
      // compileStreaming done, instantiate done, Go main entered, core ready.
      steps: { compiled: med('compiled'), instantiated: med('instantiated'), main: med('main'), coreReady: med('coreReady') },
      // Long tasks on the page's main thread between content script start
      // and first scan done: their sum, the part over 50 ms each (total
      // blocking time) and the longest.
      mainThread: { longTaskMs: med('longTaskMs'), blockingMs: med('blockingMs'), maxTaskMs: med('maxTaskMs') },
    };
  }
  // Incremental: append 100 cards in one task and time the scan the
  // MutationObserver runs for them, on pages of 100 and 2,000 cards.
  result.incremental = {};
  for (const n of (only === 'cold' ? [] : [100, 2000])) {
    const page = await br.context.newPage();
    await page.goto(`https://www.facebook.com/friends/requests/?count=${n}`);
    await waitStats(page, (x) => x.firstScan > 0);
    const times = [];
    for (let i = 0; i < 25; i++) {
      const before = await isolated(page, 'globalThis.__boundaryStats.scans.length');
      await page.evaluate(() => window.__testbed.appendCards(100));
      const s = await waitStats(page, (x) => x.scans.length > before);
      times.push(s.scans[s.scans.length - 1].ms);
      await page.waitForTimeout(50);
    }
    // The first rounds include V8 tiering up the module; report both.
    result.incremental[n] = { medianMs: median(times.slice(5)), firstRoundMs: times[0], rounds: times.length };
    await page.close();
  }
} finally {
  await br.close();
  tb.stop();
}
console.log(JSON.stringify(result));
