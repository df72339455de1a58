// Browser half of scripts/bench: cold start and incremental scan cost of
// the built extension in Chromium against the testbed. Prints JSON.
import { statSync, readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';
import { ROOT, EXT_DIR, startTestbed, launch, importPatients, waitStats, isolated } from './e2e/harness.mjs';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const wasm = readFileSync(path.join(EXT_DIR, 'core.wasm'));
const result = {
  wasm: {
    raw: statSync(path.join(EXT_DIR, 'core.wasm')).size,
    gzip: gzipSync(wasm, { level: 9 }).length,
    brotli: brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  },
};

const tb = await startTestbed();
const br = await launch({ port: tb.port, netLog: false });
try {
  await importPatients(br.context, br.extensionId, path.join(ROOT, 'wasm/testbed/data/patients.csv'));
  // Cold start: a fresh tab each run; document_start (content script start)
  // to the first full scan finished, and the parts of it.
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const page = await br.context.newPage();
    await page.goto('https://www.facebook.com/friends/requests/');
    const s = await waitStats(page, (x) => x.firstScan > 0);
    runs.push({ total: s.firstScan - s.t0, ready: s.ready - s.t0, scan: s.scans[0].ms });
    await page.close();
  }
  result.coldStart = {
    runs: runs.length,
    medianMs: median(runs.map((r) => r.total)),
    medianCoreReadyMs: median(runs.map((r) => r.ready)),
    medianFirstScanMs: median(runs.map((r) => r.scan)),
    allMs: runs.map((r) => Math.round(r.total)),
  };
  // Incremental: append 100 cards in one task and time the scan the
  // MutationObserver runs for them, on pages of 100 and 2,000 cards.
  result.incremental = {};
  for (const n of [100, 2000]) {
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
