// Latency of the clinic policy Worker in local workerd (wrangler dev, local
// D1), from a bounded load run, printed as a markdown fragment for
// BENCHMARKS.md. Needs build/worker (scripts/worker-dev --build-only).
//
//   node test/bench-worker.mjs [--requests N] [--concurrency C]
//
// GET 200 and GET 304 run N requests each, C at a time, after a warm-up;
// PUT runs N requests one after another, each with the ETag of the last,
// since concurrent conditional writes would mostly (and rightly) get 412.
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { loadavg, cpus } from 'node:os';
import { ROOT } from './e2e/harness.mjs';
import { startWorker, api, WASM } from './worker/wrangler.mjs';

const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const N = opt('requests', 100);
const C = opt('concurrency', 4);
const ROOT_TOKEN = `bench-${Math.random().toString(36).slice(2)}`;
const body1 = readFileSync(path.join(ROOT, 'wasm/policy/testdata/riverside.json'), 'utf8');
const body2 = body1.replace('for every team member.', 'for every team member (edited).');

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function run(n, c, fn) {
  const times = [];
  let next = 0;
  await Promise.all(Array.from({ length: c }, async () => {
    while (next < n) {
      next++;
      times.push(await timed(fn));
    }
  }));
  return times;
}

// cpuMs is the CPU time (user + system) so far of the workerd processes in
// process group pgid, read from /proc: workerd runs the Worker's isolate and
// the local D1, so its CPU per request bounds the Worker's own from above.
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
function cpuMs(pgid) {
  let ticks = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let stat;
    try { stat = readFileSync(`/proc/${d}/stat`, 'utf8'); } catch { continue; }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' '); // f[0] is field 3 (state)
    if (Number(f[2]) !== pgid || !comm.includes('workerd')) continue;
    ticks += Number(f[11]) + Number(f[12]); // utime, stime
  }
  return ticks * TICK_MS;
}

const wasm = readFileSync(WASM);
const worker = await startWorker({ vars: { ADMIN_TOKEN: ROOT_TOKEN } });
try {
  const admin = api(worker.url, ROOT_TOKEN);
  const tok = (await admin('POST', '/v1/clinics/bench/tokens', { body: '{"role":"read"}' })).json.token;
  let put = await admin('PUT', '/v1/clinics/bench/policy', { body: body1, headers: { 'If-None-Match': '*' } });
  if (put.status !== 201) throw new Error(`seeding failed: ${put.status} ${put.text}`);
  let etag = put.headers.get('etag');
  const url = `${worker.url}/v1/clinics/bench/policy`;
  const get = (headers) => async () => {
    const r = await fetch(url, { headers: { Authorization: `Bearer ${tok}`, ...headers } });
    await r.arrayBuffer();
    if (r.status !== (headers['If-None-Match'] ? 304 : 200)) throw new Error(`GET answered ${r.status}`);
  };
  await run(20, C, get({})); // warm-up: compile, D1 open
  const get200 = await run(N, C, get({}));
  const get304 = await run(N, C, get({ 'If-None-Match': etag }));
  // CPU per request, one request at a time.
  const cpu0 = cpuMs(worker.pgid);
  const seq = await run(N, 1, get({}));
  const cpuPerGet = (cpuMs(worker.pgid) - cpu0) / seq.length;
  const puts = [];
  for (let i = 0; i < N; i++) {
    const body = i % 2 === 0 ? body2 : body1;
    puts.push(await timed(async () => {
      put = await admin('PUT', '/v1/clinics/bench/policy', { body, headers: { 'If-Match': etag } });
      if (put.status !== 200) throw new Error(`PUT answered ${put.status} ${put.text}`);
      etag = put.headers.get('etag');
    }));
  }
  const row = (name, xs, c) => `| ${name} | ${xs.length} | ${c} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 99).toFixed(1)} |`;
  console.log([
    '### Clinic policy Worker (local workerd via wrangler 4.86.0, local D1)',
    '',
    `Worker wasm: ${(wasm.length / 1e6).toFixed(2)} MB raw, ${(gzipSync(wasm, { level: 9 }).length / 1e6).toFixed(2)} MB gzip -9 (the free plan allows 3 MB compressed).`,
    '',
    '| request | n | concurrency | p50 ms | p99 ms |',
    '|---|---|---|---|---|',
    row('GET policy → 200', get200, C),
    row('GET policy, If-None-Match → 304', get304, C),
    row('PUT policy, If-Match → 200 (validates the pack)', puts, 1),
    '',
    `Load average during the run: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores (other work on the machine inflates the tails).`,
    '',
    `CPU time of the workerd process per GET → 200, ${seq.length} requests one at a time: **${cpuPerGet.toFixed(1)} ms** (from /proc; workerd's HTTP handling and the local D1 count too, so the Worker's own CPU time is at most this). The free plan allows 10 ms of CPU per request.`,
    '',
    'Each request starts a fresh Go instance in the isolate (syumai/workers runs `main` per request); the module is compiled once. Timed from Node on the same machine, so the figures include loopback HTTP and wrangler\'s local proxy.',
  ].join('\n'));
} finally {
  await worker.stop();
  worker.cleanup();
}
