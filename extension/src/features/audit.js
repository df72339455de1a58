// Privacy audit: reads the settings and About pages when the service worker asks (issue 4).
// Registers in globalThis.BoundaryFeatures; see content.js for the contract.
//
// The core decides what a page says (auditRead); this file only waits for
// the page to finish loading its sections and relays the answer when the
// service worker asks. Pages never announce themselves.
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  let gotCtx;
  const ctxReady = new Promise((resolve) => { gotCtx = resolve; });

  // Comet fills sections after the page shell; a check that is still
  // unknown may just not have arrived yet. Reading again after each burst
  // of changes, up to a bound, tells "not loaded yet" from "not there".
  const DEFAULT_WAIT_MS = 6000;
  const MAX_WAIT_MS = 20000;
  const QUIET_MS = 300;

  async function readOnce(core) {
    const json = core.mode === 'offscreen'
      ? await core.call('auditReadHTML', location.href, new XMLSerializer().serializeToString(document.documentElement))
      : await core.call('auditRead', location.href);
    const res = JSON.parse(json);
    if (res.error) throw new Error(res.error);
    return res;
  }

  // nextChange resolves after the page has changed and then stayed quiet
  // for QUIET_MS, or at the deadline, whichever comes first.
  function nextChange(deadline) {
    return new Promise((resolve) => {
      let quiet = null;
      const done = () => { obs.disconnect(); clearTimeout(quiet); clearTimeout(hard); resolve(); };
      const obs = new MutationObserver(() => {
        clearTimeout(quiet);
        quiet = setTimeout(done, QUIET_MS);
      });
      obs.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
      const hard = setTimeout(done, Math.max(0, deadline - Date.now()));
    });
  }

  async function read(waitMs) {
    const { core, stats } = await ctxReady;
    const wait = Number.isInteger(waitMs) && waitMs >= 0 ? Math.min(waitMs, MAX_WAIT_MS) : DEFAULT_WAIT_MS;
    const deadline = Date.now() + wait;
    let res = await readOnce(core);
    let rounds = 1;
    while (res.page !== 'unknown' && res.checks.some((c) => c.status === 'unknown') && Date.now() < deadline) {
      await nextChange(deadline);
      res = await readOnce(core);
      rounds++;
    }
    stats.audit = { page: res.page, rounds, unknown: res.checks.filter((c) => c.status === 'unknown').length };
    return res;
  }

  (globalThis.BoundaryFeatures ||= []).push({
    kinds: [],
    draw: () => false,
    ready(ctx) {
      gotCtx(ctx);
    },
  });

  // The worker asks its audit tab (and may ask a tab the user opened
  // themselves); the answer waits for the core and the first scan.
  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (!msg || msg.type !== 'sw→content:audit-read' || sender.id !== api.runtime.id || sender.tab) return false;
    read(msg.wait).then((result) => sendResponse({ result }), (e) => sendResponse({ error: String(e && e.message) }));
    return true;
  });
})();
