// Messenger: badges on conversation rows and the banner in the open
// conversation (issue 3). The core decides (category, reasons, thread
// verdicts over every message it has seen); this file only draws.
// Registers in globalThis.BoundaryFeatures; see content.js for the contract.
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const UI = globalThis.BoundaryUI;
  const rows = new Map(); // thread id → Set of row anchors with a badge
  const flagged = new Set(); // thread ids already counted as clinical on this page
  let pending = [];
  let fresh = 0;
  let timer = 0;

  // report tells the service worker which threads are clinical, so the
  // popup can count each thread once a day; count is how many are new on
  // this page, for the toolbar badge. Only ids and categories travel.
  function report(item, isNew) {
    pending.push({ id: item.thread_id, category: item.category });
    if (isNew) fresh++;
    if (timer) return;
    timer = setTimeout(() => {
      const msg = { type: 'content→sw:flagged', count: fresh, threads: pending };
      pending = [];
      fresh = 0;
      timer = 0;
      api.runtime.sendMessage(msg).catch(() => {});
    }, 50);
  }

  function remember(id, anchor) {
    let set = rows.get(id);
    if (!set) rows.set(id, (set = new Set()));
    for (const a of set) if (!a.isConnected) set.delete(a);
    set.add(anchor);
  }

  // draw returns false always: threads are counted per thread and day by
  // report, not as the friend requests content.js counts.
  function draw(item) {
    if (item.kind !== 'thread' || !item.thread_id) return false;
    if (item.surface === 'row') {
      UI.rowBadge(item.anchorEl, item);
      remember(item.thread_id, item.anchorEl);
    } else {
      // The open conversation or a chat window. The verdict covers the
      // whole thread, so rows of the same thread follow it.
      if (item.clinical) UI.banner(item.anchorEl, item);
      for (const a of rows.get(item.thread_id) || []) {
        if (a.isConnected) UI.rowBadge(a, item);
      }
    }
    if (!item.clinical) return false;
    const key = `${item.thread_id}:${item.category}`;
    if (flagged.has(key)) return false;
    const first = ![...flagged].some((k) => k.startsWith(`${item.thread_id}:`));
    flagged.add(key);
    report(item, first);
    // Threads are counted through report, not content.js's friend count.
    return false;
  }

  // The clinic's hours and the browser's zone reach the core once it runs;
  // a rescan then redraws with them.
  async function configure(ctx) {
    const { clinicProfile, clinicPolicy } = await api.storage.local.get(['clinicProfile', 'clinicPolicy']);
    const fromPolicy = clinicPolicy && clinicPolicy.pack && clinicPolicy.pack.profile;
    let profile = '';
    if (fromPolicy) profile = typeof fromPolicy === 'string' ? fromPolicy : JSON.stringify(fromPolicy);
    else if (typeof clinicProfile === 'string') profile = clinicProfile;
    const zone = (Intl.DateTimeFormat().resolvedOptions().timeZone) || '';
    const offset = String(-new Date().getTimezoneOffset());
    try {
      const out = JSON.parse(await ctx.core.call('setClinic', profile, zone, offset));
      if (out.error) ctx.stats.errors.push(`clinic profile: ${out.error}`);
    } catch (e) {
      ctx.stats.errors.push(`setClinic failed: ${e && e.message}`);
      return;
    }
    await ctx.core.reset();
    ctx.rescan();
  }

  let started = false;
  (globalThis.BoundaryFeatures ||= []).push({
    kinds: ['thread', 'message'],
    draw,
    ready(ctx) {
      if (started) return;
      started = true;
      const run = () => configure(ctx).catch((e) => ctx.stats.errors.push(`messages: ${e && e.message}`));
      run();
      api.storage.onChanged.addListener((changes, area) => {
        if (area === 'local' && (changes.clinicProfile || changes.clinicPolicy)) run();
      });
    },
  });
})();
