// Runs the built policy Worker (build/worker, from scripts/worker-dev
// --build-only) in real workerd through the pinned wrangler, with a fresh
// local D1 database, on a free loopback port. One instance serves a whole
// test file: wrangler takes seconds to start.
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../e2e/harness.mjs';

export const WRANGLER = path.join(ROOT, 'extension', 'node_modules', '.bin', 'wrangler');
export const CONFIG = path.join(ROOT, 'wasm', 'cmd', 'worker', 'wrangler.jsonc');
export const WASM = path.join(ROOT, 'build', 'worker', 'app.wasm');
const ENV = {
  ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', NO_COLOR: '1',
};

// wranglerProblem says why the workerd tier cannot run here, or '' when it
// can. Only a missing or broken wrangler is a reason; a missing build is a
// failure, since scripts/test builds it.
export async function wranglerProblem() {
  if (!existsSync(WRANGLER)) return `wrangler is not installed at ${WRANGLER} (npm ci in extension/)`;
  try {
    await promisify(execFile)(WRANGLER, ['--version'], { env: ENV, timeout: 60000 });
  } catch (e) {
    return `wrangler does not run: ${e.message.split('\n')[0]}`;
  }
  return '';
}

export async function freePort() {
  const srv = createServer();
  await new Promise((res) => srv.listen(0, '127.0.0.1', res));
  const { port } = srv.address();
  await new Promise((res) => srv.close(res));
  return port;
}

// startWorker migrates a fresh local D1 database and starts wrangler dev.
// vars become Worker variables (--var), as secrets would in production.
export async function startWorker({ vars = {}, port } = {}) {
  if (!existsSync(WASM)) throw new Error(`${WASM} is missing: run scripts/worker-dev --build-only`);
  const persist = mkdtempSync(path.join(tmpdir(), 'boundary-d1-'));
  await promisify(execFile)(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist, '-c', CONFIG],
    { env: ENV, cwd: ROOT, timeout: 120000 });
  port ||= await freePort();
  const args = ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, '-c', CONFIG,
    '--inspector-port', String(await freePort()), '--show-interactive-dev-session=false'];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  // Its own process group, so stop() ends workerd with it.
  const proc = spawn(WRANGLER, args, { env: ENV, cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  let exited = null;
  proc.on('exit', (code) => { exited = code; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90000;
  for (;;) {
    if (exited !== null) throw new Error(`wrangler dev exited with ${exited}:\n${log}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      process.kill(-proc.pid, 'SIGKILL');
      throw new Error(`wrangler dev did not answer /healthz in 90 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    log: () => log,
    // The process group of wrangler and its workerd.
    pgid: proc.pid,
    async stop() {
      if (exited !== null) return;
      const gone = new Promise((res) => proc.on('exit', res));
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
      const t = setTimeout(() => { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      await gone;
      clearTimeout(t);
    },
    cleanup() { rmSync(persist, { recursive: true, force: true }); },
  };
}

// api is a small client for the admin's side of the tests.
export function api(base, token) {
  return async (method, p, { body, headers = {} } = {}) => {
    const res = await fetch(base + p, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      body,
    });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, text, json };
  };
}
