// Triage figures for BENCHMARKS.md: the built core's classify throughput
// inside WebAssembly (Node, the same core.wasm the extension ships), and
// the Messenger scan cost in Chromium with the built extension (first scan
// of a conversation page, then 100 thread rows appended in one task).
// Prints a markdown fragment; scripts/bench decides where it goes.
//
//   node test/bench-triage.mjs            (after scripts/build and build_testbed)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, EXT_DIR, startTestbed, launch, importPatients, waitStats, isolated } from './e2e/harness.mjs';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

// --- classify throughput in WebAssembly (Node) ---------------------------
async function wasmThroughput() {
  const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
  // wasm_exec.js defines globalThis.Go when evaluated as a classic script.
  (0, eval)(readFileSync(path.join(goroot, 'lib/wasm/wasm_exec.js'), 'utf8'));
  const go = new globalThis.Go();
  const ready = new Promise((resolve, reject) => {
    globalThis.__boundaryReady = (err) => (err ? reject(new Error(err)) : resolve());
  });
  const t0 = performance.now();
  const { instance } = await WebAssembly.instantiate(readFileSync(path.join(EXT_DIR, 'core.wasm')), go.importObject);
  go.run(instance);
  await ready;
  const startMs = performance.now() - t0;
  const core = globalThis.boundaryCore;
  // The same message mix as the native CLI figure in scripts/bench, plus
  // the testbed's conversations.
  const threads = JSON.parse(readFileSync(path.join(ROOT, 'wasm/testbed/data/threads.json'), 'utf8'));
  const texts = [
    'Hi doc, my chest hurts and my left arm is numb', 'are we still on for drinks tonight?',
    'Can I book a check-up for my dog next week?', 'Der Zahn tut seit gestern weh, was soll ich nehmen?',
    ...threads.flatMap((t) => t.messages.map((m) => m.text).filter(Boolean)),
  ];
  const n = 20000;
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(JSON.stringify({ id: String(i), text: texts[i % texts.length] }));
  const batch = lines.join('\n');
  core.classify(lines.slice(0, 200).join('\n')); // warm-up (V8 tier-up)
  const t1 = performance.now();
  const out = core.classify(batch);
  const ms = performance.now() - t1;
  const got = out.trim().split('\n').length;
  if (got !== n) throw new Error(`classify answered ${got} lines for ${n}`);
  return { n, ms, rate: n / (ms / 1000), startMs };
}

// --- Messenger scan cost in Chromium -------------------------------------
async function browserScan() {
  const tb = await startTestbed();
  const br = await launch({ port: tb.port, netLog: false });
  try {
    await importPatients(br.context, br.extensionId, path.join(ROOT, 'wasm/testbed/data/patients.csv'));
    const first = [];
    for (let i = 0; i < 5; i++) {
      const page = await br.context.newPage();
      await page.goto('https://www.facebook.com/messages/t/100060959803213/');
      const s = await waitStats(page, (x) => x.firstScan > 0);
      first.push(s.scans[0].ms);
      await page.close();
    }
    const page = await br.context.newPage();
    await page.goto('https://www.facebook.com/messages/t/100060959803213/');
    await waitStats(page, (x) => x.firstScan > 0);
    // Let the rescan after the clinic set-up finish.
    await page.waitForTimeout(1500);
    const times = [];
    for (let i = 0; i < 25; i++) {
      const before = await isolated(page, 'globalThis.__boundaryStats.scans.length');
      await page.evaluate(() => window.__testbed.appendThreads(100));
      const s = await waitStats(page, (x) => x.scans.length > before);
      times.push(s.scans[s.scans.length - 1].ms);
      await page.waitForTimeout(50);
    }
    const rows = await page.evaluate(() => window.__testbed.threadRowCount());
    await page.close();
    return { firstMs: median(first), firstAll: first.map((x) => Math.round(x)), incMs: median(times.slice(5)), incFirst: times[0], rows };
  } finally {
    await br.close();
    tb.stop();
  }
}

const w = await wasmThroughput();
const b = await browserScan();
const lines = [
  '## Messenger triage in the extension',
  '',
  `Classify throughput in WebAssembly (the shipped core.wasm under Node, one \`boundaryCore.classify\` call of ${w.n.toLocaleString('en')} messages): **${Math.round(w.rate).toLocaleString('en')} messages/s** (${w.ms.toFixed(0)} ms; the core started in ${w.startMs.toFixed(0)} ms).`,
  '',
  '| Messenger scan in Chromium (conversation page, in-page core) | ms |',
  '|---|---|',
  `| first full scan (12 rows, open conversation, Lightspeed data), median of 5 | ${b.firstMs.toFixed(1)} (${b.firstAll.join(', ')}) |`,
  `| 100 new thread rows appended in one task, median of rounds 6–25 (list grows to ${b.rows} rows) | ${b.incMs.toFixed(1)} |`,
  `| the same, first round | ${b.incFirst.toFixed(1)} |`,
  '',
];
console.log(lines.join('\n'));
process.exit(0);
