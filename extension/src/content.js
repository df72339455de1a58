// Boundary content script. It loads the Go core, hands it the page and then
// only the nodes that are new, and draws what the core decided. It holds no
// detection logic of its own.
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const UI = globalThis.BoundaryUI;
  // Kept in the isolated world, where the page cannot read it; the tests
  // and scripts/bench read it through the DevTools protocol.
  const stats = globalThis.__boundaryStats = {
    t0: performance.now(), mode: '', ready: 0, firstScan: 0, scans: [], flagged: 0, errors: [],
    // When each step of the core's start finished (performance.now()).
    marks: {},
  };

  // Compile starts at document_start, in parallel with the page's own load.
  const compiled = WebAssembly.compileStreaming(fetch(api.runtime.getURL('core.wasm')));
  compiled.then(() => { stats.marks.compiled = performance.now(); }, () => {});
  compiled.catch(() => {}); // the rejection is handled in startCore

  const domReady = document.readyState === 'loading'
    ? new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }))
    : Promise.resolve();

  // inPageCore runs the module in this content script.
  async function inPageCore() {
    const core = await globalThis.BoundaryGo.start(await compiled, () => stats.errors.push('core exited'), stats.marks);
    return {
      mode: 'in-page',
      // call runs one of boundaryCore's string-in, string-out functions.
      call: async (name, ...args) => core[name](...args),
      setPatients: async (stored) => core.setPatients(stored || ''),
      prepare: async () => core.prepare() === true,
      reset: async () => core.reset(),
      scan: async (roots) => {
        const out = core.scan(roots, location.href);
        if (typeof out === 'string') throw new Error(JSON.parse(out).error);
        const res = JSON.parse(out.json);
        for (const it of res.items) it.anchorEl = out.anchors[it.anchor];
        return res;
      },
    };
  }

  // offscreenCore sends markup to the same core running in an extension
  // document, for pages whose CSP forbids WebAssembly. Markup travels only
  // between this extension's own contexts.
  function offscreenCore() {
    const serializer = new XMLSerializer();
    let seen = new WeakSet();
    // call forwards to the offscreen core; only string arguments travel,
    // and the offscreen document answers only names on its allow-list.
    const call = async (name, ...args) => {
      const reply = await api.runtime.sendMessage({ type: 'content→sw:core-call', name, args: args.map(String) });
      if (!reply || reply.error) throw new Error(reply ? reply.error : 'no answer from the offscreen core');
      return reply.result;
    };
    return {
      mode: 'offscreen',
      call,
      // The service worker hands the list to the offscreen document itself.
      setPatients: async () => { seen = new WeakSet(); },
      // The offscreen document runs off this page's main thread.
      prepare: async () => false,
      reset: async () => { seen = new WeakSet(); },
      scan: async (roots) => {
        const list = roots ?? [document.documentElement];
        let fresh = list.filter((r) => !seen.has(r));
        fresh.forEach((r) => seen.add(r));
        if (fresh.length === 0) return { page: '', items: [] };
        if (roots) fresh = inContext(fresh, await contextSelector(call));
        const markup = fresh.map((r) => serializer.serializeToString(r));
        const reply = await api.runtime.sendMessage({ type: 'content→sw:scan-html', url: location.href, markup });
        if (!reply || reply.error) throw new Error(reply ? reply.error : 'no answer from the offscreen core');
        const res = JSON.parse(reply.json);
        if (res.error) throw new Error(res.error);
        for (const it of res.items) it.anchorEl = resolvePath(fresh[it.root], it.path);
        return res;
      },
    };
  }

  // contextSelector asks the core, once per page, which containers a new
  // node must be sent with: a bubble alone has no conversation, so its
  // thread, sender and banner place would be lost (see
  // core.Engine.ContextSelector). The selector comes from the site pack.
  let contextSel = null;
  function contextSelector(call) {
    if (!contextSel) {
      contextSel = call('contextSelector', location.href).catch((e) => {
        stats.errors.push(`contextSelector: ${e && e.message}`);
        return '';
      });
    }
    return contextSel;
  }

  // inContext replaces each added node that lies inside a context container
  // by that container, once per batch, keeping the rest as they are.
  function inContext(nodes, sel) {
    if (!sel) return nodes;
    const out = [];
    for (const n of nodes) {
      let c = null;
      try {
        c = n.parentElement && n.parentElement.closest(sel);
      } catch (e) {
        stats.errors.push(`context selector: ${e && e.message}`);
        return nodes;
      }
      const pick = c || n;
      if (!out.includes(pick)) out.push(pick);
    }
    // A container may now hold another root of the batch.
    return topmost(out);
  }

  function resolvePath(root, path) {
    let n = root;
    for (const i of path || []) {
      n = n && n.children[i];
    }
    return n || null;
  }

  async function startCore() {
    try {
      return await inPageCore();
    } catch (err) {
      // CompileError is what a CSP without 'wasm-unsafe-eval' gives.
      stats.errors.push(`in-page core unavailable: ${err && err.name}: ${err && err.message}`);
      return offscreenCore();
    }
  }

  // Feature scripts (listed before this one in the manifest) register
  // themselves in BoundaryFeatures: { kinds: [item kinds they draw],
  // draw(item) → true when the item is newly flagged, ready(ctx) }.
  const features = globalThis.BoundaryFeatures || [];
  const drawers = new Map();
  for (const f of features) for (const k of f.kinds || []) drawers.set(k, f);

  function draw(res) {
    let n = 0;
    for (const it of res.items) {
      if (!it.anchorEl) continue;
      const f = drawers.get(it.kind);
      if (f) {
        if (f.draw(it)) n++;
        continue;
      }
      if (it.verdict !== 'patient') continue;
      if (!UI.drawn(it.anchorEl)) n++;
      UI.badge(it.anchorEl, it);
    }
    if (n > 0) {
      stats.flagged += n;
      api.runtime.sendMessage({ type: 'content→sw:flagged', count: n }).catch(() => {});
    }
  }

  async function run() {
    const [core] = await Promise.all([startCore(), domReady]);
    stats.mode = core.mode;
    stats.ready = performance.now();
    const { patients } = await api.storage.local.get('patients');
    const err = await core.setPatients(patients);
    if (err) stats.errors.push(`patient list unreadable: ${err}`);
    // The start, the classifier (on pages with messages) and the first scan
    // each run in a task of their own: the page's main thread, which this
    // script shares, is then never held for all three at once.
    await nextTask();
    if (await core.prepare()) await nextTask();

    let url = location.href;
    let lastPage = '';
    let queue = Promise.resolve();
    // scan serialises scans: the offscreen path is asynchronous, and two
    // overlapping scans would each draw the other's cards.
    const scan = (roots) => {
      queue = queue.then(async () => {
        const t = performance.now();
        try {
          const res = await core.scan(roots);
          lastPage = res.page || lastPage;
          draw(res);
        } catch (e) {
          stats.errors.push(String(e && e.message));
        }
        stats.scans.push({ roots: roots ? roots.length : 0, ms: performance.now() - t });
        if (stats.scans.length > 500) stats.scans.splice(0, 250);
      });
      return queue;
    };

    // The observer starts before the first scan, whose offscreen variant
    // is asynchronous: cards added meanwhile queue behind it, and the core's
    // memory of handled cards keeps the overlap from counting twice.
    const first = scan(null);
    const observer = new MutationObserver((records) => {
      if (location.href !== url) {
        // Client-side navigation (pushState): the page kind may have
        // changed, so look at the whole document again. Cards already
        // handled are remembered by the core and cost nothing.
        url = location.href;
        scan(null);
        return;
      }
      const roots = [];
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType === 1 && !UI.isOurs(n)) roots.push(n);
        }
      }
      if (roots.length > 0) scan(topmost(roots));
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    await first;
    stats.firstScan = performance.now();
    const ctx = { core, stats, rescan: () => scan(null), page: () => lastPage };
    for (const f of features) {
      try {
        if (f.ready) f.ready(ctx);
      } catch (e) {
        stats.errors.push(`feature failed to start: ${e && e.message}`);
      }
    }
    addEventListener('popstate', () => { url = location.href; scan(null); });

    api.storage.onChanged.addListener(async (changes, area) => {
      if (area !== 'local' || !changes.patients) return;
      const e = await core.setPatients(changes.patients.newValue);
      if (e) stats.errors.push(`patient list unreadable: ${e}`);
      await core.reset();
      scan(null);
    });
  }

  // nextTask resolves in a new task, so that the page gets the main thread
  // in between. scheduler.yield where there is one; otherwise a message to
  // ourselves, which, unlike setTimeout, is not slowed in background tabs.
  // A hidden page (a tab opened in the background, such as the privacy
  // audit's) has no one to keep it responsive for, and browsers may space
  // out its tasks, so there it goes straight on.
  function nextTask() {
    if (document.visibilityState === 'hidden') return Promise.resolve();
    if (globalThis.scheduler && typeof globalThis.scheduler.yield === 'function') return globalThis.scheduler.yield();
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { ch.port1.close(); resolve(); };
      ch.port2.postMessage(null);
    });
  }

  // topmost drops roots that lie inside other roots of the same batch, so
  // no subtree is scanned twice.
  function topmost(roots) {
    if (roots.length < 2) return roots;
    const set = new Set(roots);
    return roots.filter((n) => {
      for (let p = n.parentElement; p; p = p.parentElement) if (set.has(p)) return false;
      return true;
    });
  }

  run().catch((e) => stats.errors.push(`start failed: ${e && e.message}`));
})();
