// Firefox ESR with the built extension, driven over WebDriver BiDi (which
// Firefox speaks itself: no geckodriver). Every HTTP(S) request the browser
// makes goes through a small local proxy that forwards only the testbed's
// hosts to the testbed and refuses everything else, so no request can leave
// the machine and every attempt to is on record for the egress check.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { ROOT, HOSTS } from '../e2e/harness.mjs';

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
export const EXT_DIR = path.join(ROOT, 'dist', 'firefox');
export const GECKO_ID = 'boundary@boundaryhq.example';

// startProxy listens on loopback for HTTP CONNECT (and plain HTTP) requests.
// CONNECT to a testbed host on 443 is piped to the testbed; anything else
// is answered 403 and recorded in refused.
export async function startProxy(testbedPort) {
  const allowed = [];
  const refused = [];
  const sockets = new Set();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    let head = Buffer.alloc(0);
    const onData = (d) => {
      head = Buffer.concat([head, d]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 65536) client.destroy();
        return;
      }
      client.off('data', onData);
      const line = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const [method, target] = line.split(' ');
      if (method === 'CONNECT') {
        const [host, port] = target.split(':');
        if (HOSTS.includes(host) && port === '443') {
          allowed.push(target);
          const up = net.connect(testbedPort, '127.0.0.1', () => {
            client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
            const rest = head.subarray(end + 4);
            if (rest.length) up.write(rest);
            client.pipe(up).pipe(client);
          });
          sockets.add(up);
          up.on('close', () => { sockets.delete(up); client.destroy(); });
          up.on('error', () => client.destroy());
          return;
        }
      }
      refused.push(`${method} ${target}`);
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    };
    client.on('data', onData);
  });
  await new Promise((res) => server.listen(0, '127.0.0.1', res));
  return {
    port: server.address().port,
    allowed,
    refused,
    stop: () => { for (const s of sockets) s.destroy(); server.close(); },
  };
}

// Preferences for a browser that talks to nobody but the proxy. Firefox's
// remote agent sets its own recommended set as well; these close the rest.
function prefs(proxyPort, uuid) {
  const p = {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.socks_remote_dns': true,
    'network.trr.mode': 5,
    'network.http.http3.enable': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'captivedetect.canonicalURL': '',
    'app.update.auto': false,
    'app.update.enabled': false,
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': 'data:,',
    'browser.ping-centre.telemetry': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'services.settings.server': 'data:,#remote-settings-disabled',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.search.geoip.url': '',
    'browser.search.update': false,
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.startup.page': 0,
    'browser.startup.homepage': 'about:blank',
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.aboutwelcome.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'browser.topsites.contile.enabled': false,
    'dom.push.connection.enabled': false,
    'media.gmp-manager.url': '',
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
    'media.gmp-manager.updateEnabled': false,
    'media.eme.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    // permissions.request() grants without the doorhanger a headless browser
    // cannot show: the test's click stands in for the user's "Allow".
    'extensions.webextOptionalPermissionPrompts': false,
    'identity.fxaccounts.enabled': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'browser.translations.enable': false,
    'browser.ml.enable': false,
    'signon.rememberSignons': false,
    'devtools.jsonview.enabled': false,
    'devtools.console.stdout.content': true,
    'devtools.console.stdout.chrome': true,
    'messaging-system.rsexperimentloader.enabled': false,
    'nimbus.rsexperimentloader.enabled': false,
  };
  return Object.entries(p).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n') + '\n';
}

// BiDi is a minimal WebDriver BiDi client: send returns the command's
// result or throws its error; events are collected per method.
class BiDi {
  constructor(ws) {
    this.ws = ws;
    this.next = 1;
    this.pending = new Map();
    this.listeners = [];
    ws.on('message', (data) => {
      const m = JSON.parse(data);
      if (m.id !== undefined && this.pending.has(m.id)) {
        const { resolve, reject, method } = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.type === 'error') reject(new Error(`${method}: ${m.error}: ${m.message}`));
        else resolve(m.result);
      } else if (m.type === 'event') {
        for (const l of this.listeners) l(m);
      }
    });
    ws.on('close', () => {
      for (const { reject, method } of this.pending.values()) reject(new Error(`${method}: connection closed`));
      this.pending.clear();
    });
  }

  send(method, params = {}, { timeout = 60000 } = {}) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeout} ms`));
      }, timeout);
      this.pending.set(id, {
        method,
        resolve: (v) => { clearTimeout(timer); resolve(v); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  on(f) { this.listeners.push(f); }
}

// launchFirefox starts headless Firefox ESR with a fresh profile, opens a
// BiDi session and installs dist/firefox as a temporary add-on (what
// about:debugging → Load Temporary Add-on does).
export async function launchFirefox({ proxyPort, extension = EXT_DIR }) {
  const profile = mkdtempSync(path.join(tmpdir(), 'boundary-ff-'));
  const uuid = randomUUID();
  writeFileSync(path.join(profile, 'user.js'), prefs(proxyPort, uuid));
  const proc = spawn(FIREFOX, ['--headless', '--no-remote', '--remote-debugging-port=0', '--remote-allow-system-access', '--profile', profile, 'about:blank'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  });
  const logs = [];
  const wsUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Firefox did not offer WebDriver BiDi in 60 s:\n${logs.join('')}`)), 60000);
    const onOut = (d) => {
      logs.push(String(d));
      const m = logs.join('').match(/WebDriver BiDi listening on (ws:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    proc.stdout.on('data', onOut);
    proc.stderr.on('data', onOut);
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`Firefox exited with ${code}:\n${logs.join('')}`)); });
  });
  const ws = new WebSocket(`${wsUrl}/session`);
  await new Promise((res, rej) => { ws.once('open', res); ws.once('error', rej); });
  const bidi = new BiDi(ws);
  const session = await bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
  const { extension: extensionId } = await bidi.send('webExtension.install', { extensionData: { type: 'path', path: extension } });
  const exited = new Promise((res) => proc.once('exit', res));
  return {
    bidi,
    proc,
    logs,
    profile,
    uuid,
    extensionId,
    version: session.capabilities.browserVersion,
    base: `moz-extension://${uuid}/`,
    async close() {
      await bidi.send('session.end', {}, { timeout: 5000 }).catch(() => {});
      ws.close();
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(t);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Tab wraps one browsing context.
export class Tab {
  static async open(ff) {
    const { context } = await ff.bidi.send('browsingContext.create', { type: 'tab' });
    return new Tab(ff.bidi, context);
  }

  constructor(bidi, context) {
    this.bidi = bidi;
    this.context = context;
  }

  goto(url) {
    return this.bidi.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
  }

  // eval runs a function in the page's own realm and returns its result as
  // a plain value (JSON-serialisable results only). Each argument arrives
  // as a JSON string for the function to parse.
  async eval(fn, ...args) {
    const r = await this.bidi.send('script.callFunction', {
      functionDeclaration: `async (...a) => JSON.stringify(await (${fn})(...a))`,
      target: { context: this.context },
      arguments: args.map((a) => ({ type: 'string', value: JSON.stringify(a) })),
      awaitPromise: true,
      userActivation: true,
    });
    if (r.type === 'exception') throw new Error(`page eval failed: ${r.exceptionDetails.text}`);
    return r.result.value === undefined ? undefined : JSON.parse(r.result.value);
  }

  // raw runs an expression and returns BiDi's serialisation of its value.
  async raw(expression, serializationOptions = {}) {
    const r = await this.bidi.send('script.evaluate', {
      expression,
      target: { context: this.context },
      awaitPromise: true,
      serializationOptions,
    });
    if (r.type === 'exception') throw new Error(`page eval failed: ${r.exceptionDetails.text}`);
    return r.result;
  }

  async waitFor(fn, { timeout = 20000, what = 'condition', interval = 150 } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      last = await this.eval(fn);
      if (last) return last;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
      await new Promise((r) => setTimeout(r, interval));
    }
  }

  // click presses the mouse on the element matched by selector: a trusted
  // click, as the browser's own input, where a user gesture counts.
  async click(selector) {
    const el = await this.raw(`document.querySelector(${JSON.stringify(selector)})`);
    if (el.type !== 'node') throw new Error(`no element ${selector}`);
    await pressNode(this, el);
  }

  close() {
    return this.bidi.send('browsingContext.close', { context: this.context });
  }
}

// shadowText flattens a serialised BiDi node (children and shadow roots
// included) into its text.
function shadowText(node) {
  if (!node || !node.value) return '';
  const v = node.value;
  if (v.nodeType === 3) return v.nodeValue || '';
  let s = (v.children || []).map(shadowText).join('');
  if (v.shadowRoot) s += shadowText(v.shadowRoot);
  return s;
}

function findIn(node, pred) {
  if (!node || !node.value) return null;
  if (pred(node.value)) return node;
  for (const c of node.value.children || []) {
    const f = findIn(c, pred);
    if (f) return f;
  }
  return node.value.shadowRoot ? findIn(node.value.shadowRoot, pred) : null;
}

// hosts returns every boundary-badge / boundary-banner element with the
// text inside its shadow root and the shadow root's mode. The page cannot
// see into closed roots; WebDriver BiDi serialises them when asked to
// (includeShadowTree: "all"). context is computed in the page: the card's
// avatar name for a badge, the thread a Messenger mark belongs to.
export async function hosts(tab) {
  const r = await tab.raw(`[...document.querySelectorAll('boundary-badge, boundary-banner')]`, { includeShadowTree: 'all', maxDomDepth: 30, maxObjectDepth: 2 });
  const ctx = await tab.eval(() => [...document.querySelectorAll('boundary-badge, boundary-banner')].map((h) => {
    let avatar = '';
    for (let n = h.parentElement; n; n = n.parentElement) {
      const av = n.querySelector('svg[role=img][aria-label]');
      if (av) { avatar = av.getAttribute('aria-label'); break; }
    }
    const id = (href) => { const x = /\/t\/([^/?#]+)/.exec(href || ''); return x ? x[1] : ''; };
    const row = h.closest('[role=row]');
    const dlg = h.closest('[role=dialog]');
    let where = 'conversation';
    let thread = id(location.pathname);
    if (row) { where = 'row'; const a = row.querySelector('a[href*="/t/"]'); thread = id(a && a.getAttribute('href')); }
    else if (dlg) { where = 'chat'; const a = dlg.querySelector('a[href*="/t/"]'); thread = id(a && a.getAttribute('href')); }
    return { avatar, where, thread };
  }));
  return (r.value || []).map((n, i) => {
    const sr = n.value.shadowRoot;
    const attr = (x, k) => (x && x.value.attributes ? x.value.attributes[k] : undefined);
    const strong = findIn(sr, (v) => v.localName === 'strong');
    const h2 = findIn(sr, (v) => v.localName === 'h2');
    const section = findIn(sr, (v) => v.localName === 'section');
    const pill = findIn(sr, (v) => v.localName === 'button' && /\bpill\b/.test((v.attributes || {}).class || ''));
    return {
      tag: n.value.localName,
      shadowMode: sr ? sr.value.mode : undefined,
      text: shadowText(sr),
      summary: shadowText(strong),
      heading: shadowText(h2),
      role: attr(section, 'role') || '',
      cls: attr(pill, 'class') || attr(section, 'class') || '',
      ...ctx[i],
    };
  });
}

// shadowFind returns the serialised nodes, inside the shadow trees of the
// elements hostSelector matches, for which pred(value, text) holds, each with its
// text; a closed root is open to WebDriver BiDi, never to the page.
export async function shadowFind(tab, hostSelector, pred) {
  const r = await tab.raw(`[...document.querySelectorAll(${JSON.stringify(hostSelector)})]`, { includeShadowTree: 'all', maxDomDepth: 40, maxObjectDepth: 2 });
  const out = [];
  const walk = (node) => {
    if (!node || !node.value) return;
    const text = shadowText(node);
    if (pred(node.value, text)) out.push({ sharedId: node.sharedId, value: node.value, text });
    for (const c of node.value.children || []) walk(c);
    if (node.value.shadowRoot) walk(node.value.shadowRoot);
  };
  for (const h of r.value || []) walk(h);
  return out;
}

// pressNode clicks a serialised node (shadow trees included) with the
// mouse: trusted input, as the user's own.
export async function pressNode(tab, node) {
  await tab.bidi.send('input.performActions', {
    context: tab.context,
    actions: [{
      type: 'pointer',
      id: 'mouse',
      actions: [
        { type: 'pointerMove', origin: { type: 'element', element: { sharedId: node.sharedId } }, x: 0, y: 0 },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ],
    }],
  });
}

