/* Testbed Messenger runtime: thread list and conversation for /messages/…
 * and messenger.com, chat windows docked on ordinary pages, lazy loading,
 * a plain contenteditable composer, and window.__testbed.receiveMessage.
 * Like comet.js it builds every node with DOM APIs from server templates.
 */
(() => {
  'use strict';
  const routes = (window.__tbRoutes = window.__tbRoutes || {});
  let core = null;     // window.__tbCore, set by comet.js
  let ms = null;       // state of the messages route
  let dock = null;     // docked chat windows: { tpl, chats: Map(threadId -> {root, rows}) }
  let seq = 0;

  const isComposer = (el) => el instanceof Element && el.matches('[contenteditable="true"][role="textbox"]');

  function fnv(s) {
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode(s)) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  function fmtTime(ts, locale) {
    try {
      return new Intl.DateTimeFormat(locale.replace('_', '-'), { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(ts));
    } catch (_) {
      return new Date(ts).toISOString();
    }
  }

  function scrollParent(el) {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowY;
      if (o === 'auto' || o === 'scroll') return p;
    }
    return null;
  }

  function msgData(B, text, opts, out) {
    const ts = opts.ts || Date.now();
    const d = { mid: opts.id || 'mid.$tb' + (seq++).toString(36) + ts.toString(36), text: text || '', time_hidden: fmtTime(ts, B.locale) };
    if (out) {
      d.out = '1';
      d.sender_label = B.L.you_sent;
    } else {
      d.sender_label = opts.sender || opts.name || '';
      if (opts.group && opts.sender) d.sender = opts.sender;
    }
    if (opts.image) {
      d.image_src = opts.image.src || '/v/t1.15752-9/0_n.svg';
      d.image_alt = opts.image.alt || '';
      d.image_w = String(opts.image.w || 240);
      d.image_h = String(opts.image.h || 180);
      d.open_photo = B.L.open_photo;
    }
    return d;
  }

  // --- messages route ----------------------------------------------------

  function observe(target, cb, margin) {
    const root = scrollParent(target);
    const io = new IntersectionObserver((es) => { if (es.some((e) => e.isIntersecting)) cb(); }, { root, rootMargin: margin });
    io.observe(target);
    return { io, root };
  }

  async function loadThreads() {
    const s = ms;
    if (!s || s.tLoading || s.tNext < 0) return;
    s.tLoading = true;
    const sp = core.build(s.B.tpl.spinner, { loading: s.B.L.loading }, false);
    s.tSentinel.appendChild(sp);
    try {
      await core.sleep(100);
      const j = await core.ajax('/ajax/messaging/threads/', { cursor: s.tNext, folder: s.B.folder, locale: s.B.locale, current: s.thread ? s.thread.id : '' });
      if (s.dead) return;
      const f = document.createDocumentFragment();
      for (const d of j.payload.threads) {
        const row = core.build(s.B.tpl.threadrow, d, false);
        s.threads.set(d.id, { d, row });
        f.appendChild(row);
      }
      s.rows.appendChild(f);
      s.tNext = j.payload.next;
    } finally {
      sp.remove();
      s.tLoading = false;
    }
  }

  async function loadOlder() {
    const s = ms;
    if (!s || !s.thread || s.mLoading || s.thread.before <= 0) return;
    s.mLoading = true;
    const sp = core.build(s.B.tpl.spinner, { loading: s.B.L.loading }, false);
    s.mTop.appendChild(sp);
    try {
      await core.sleep(100);
      const j = await core.ajax('/ajax/messaging/messages/', { thread: s.thread.id, before: s.thread.before, locale: s.B.locale });
      if (s.dead) return;
      const sc = s.mScroller;
      const h0 = sc ? sc.scrollHeight : 0;
      const f = document.createDocumentFragment();
      for (const d of j.payload.messages) f.appendChild(core.build(s.B.tpl.msgrow, d, false));
      s.mRows.insertBefore(f, s.mRows.firstChild);
      s.thread.before = j.payload.before;
      if (sc) sc.scrollTop += sc.scrollHeight - h0;
    } finally {
      sp.remove();
      s.mLoading = false;
    }
  }

  routes.messages = {
    init(B, api) {
      core = api;
      const s = (ms = { B, threads: new Map(), tNext: B.threadsNext, thread: B.thread ? Object.assign({}, B.thread) : null, observers: [] });
      s.rows = api.byId(B.mounts.rows);
      s.tSentinel = api.byId(B.mounts.tsentinel);
      (B.threads || []).forEach((d, i) => s.threads.set(d.id, { d, row: s.rows.children[i] }));
      if (s.tSentinel && s.tNext >= 0) s.observers.push(observe(s.tSentinel, loadThreads, '0px 0px 200px 0px').io);
      if (s.thread) {
        s.mRows = api.byId(B.mounts.mrows);
        s.mTop = api.byId(B.mounts.mtop);
        s.mScroller = scrollParent(s.mRows);
        s.composer = api.byId(B.mounts.composerbox).querySelector('[contenteditable="true"]');
        if (s.mScroller) s.mScroller.scrollTop = s.mScroller.scrollHeight;
        // Observe the top only after the first scroll to the bottom.
        requestAnimationFrame(() => { if (!s.dead) s.observers.push(observe(s.mTop, loadOlder, '0px').io); });
      }
    },
    teardown() {
      if (!ms) return;
      ms.dead = true;
      for (const io of ms.observers) io.disconnect();
      ms = null;
    },
  };

  // --- docked chat windows -------------------------------------------------

  function initDock(B) {
    if (!B.chats || !B.chats.length) return;
    dock = { tpl: B.msgtpl, chats: new Map(), B };
    for (const c of B.chats) {
      const holder = document.getElementById(c.win);
      const root = holder && holder.querySelector('[role="dialog"]');
      if (!root) continue;
      dock.chats.set(c.id, { root, rows: root.querySelector('[role="grid"]'), data: c });
      const g = root.querySelector('[role="grid"]');
      g.scrollTop = g.scrollHeight;
    }
  }

  function chatByElement(el) {
    if (!dock) return null;
    for (const c of dock.chats.values()) if (c.root.contains(el)) return c;
    return null;
  }

  // --- sending and receiving -----------------------------------------------

  function appendTo(rowsEl, tpl, d) {
    const row = core.build(tpl, d, false);
    rowsEl.appendChild(row);
    const sc = scrollParent(rowsEl) || rowsEl;
    sc.scrollTop = sc.scrollHeight;
    return row;
  }

  function send(composer) {
    const text = composer.innerText.replace(/\n+$/, '');
    if (!text.trim()) return;
    const B = core.boot();
    const chat = chatByElement(composer);
    if (chat) {
      appendTo(chat.rows, dock.tpl.msgrow, msgData(dock.B, text, {}, true));
    } else if (ms && ms.thread && ms.composer === composer) {
      appendTo(ms.mRows, B.tpl.msgrow, msgData(B, text, {}, true));
      updateRow(ms.thread.id, B.L.you_prefix + ' ' + text, false);
    } else {
      return;
    }
    composer.textContent = '';
    window.dispatchEvent(new CustomEvent('testbed:sent', { detail: { text } }));
  }

  function updateRow(threadId, preview, unread) {
    if (!ms) return null;
    const t = ms.threads.get(threadId);
    if (!t) return null;
    const d = Object.assign({}, t.d, { preview, time: '1m' });
    delete d.unread_btn;
    delete d.unread_txt;
    if (unread) {
      if (fnv('v' + threadId) % 2 === 0) d.unread_btn = ms.B.L.mark_as_read;
      else d.unread_txt = ms.B.L.unread_message;
    }
    const row = core.build(ms.B.tpl.threadrow, d, false);
    t.row.remove();
    ms.rows.insertBefore(row, ms.rows.firstChild);
    t.d = d;
    t.row = row;
    return row;
  }

  function receiveMessage(threadId, text, opts) {
    opts = opts || {};
    const B = core.boot();
    const out = { bubbles: [], row: null };
    const open = ms && ms.thread && ms.thread.id === threadId;
    if (open) {
      const name = opts.sender || ms.thread.name;
      out.bubbles.push(appendTo(ms.mRows, B.tpl.msgrow, msgData(B, text, Object.assign({ name, group: ms.thread.group }, opts), false)));
    }
    const chat = dock && dock.chats.get(threadId);
    if (chat && chat.root.isConnected) {
      out.bubbles.push(appendTo(chat.rows, dock.tpl.msgrow, msgData(dock.B, text, Object.assign({ name: chat.data.name }, opts), false)));
    }
    const preview = text || (opts.image ? B.L.photo : '');
    out.row = updateRow(threadId, preview, opts.unread !== undefined ? !!opts.unread : !open);
    return out;
  }

  // Invented conversations for benchmarks: a rotating set of previews,
  // some clinical, under names that match no patient.
  const fillerPreviews = [
    'are we still on for Saturday?', 'Can I book a check-up for next week?', 'haha that is brilliant',
    'my knee has been swollen for three days, should I rest it?', 'Happy birthday!! 🎉', 'thanks for dinner x',
  ];
  let fillerSeq = 0;

  // appendThreads adds n invented thread rows to the list, synchronously in
  // one task, and returns the row count.
  function appendThreads(n) {
    if (!ms || !ms.rows) return 0;
    const B = ms.B;
    const f = document.createDocumentFragment();
    for (let i = 0; i < n; i++) {
      const k = fillerSeq++;
      const id = String(900000000000 + k);
      const d = { id, name: `Filler Contact ${k}`, href: '/messages/t/' + id + '/', avatar: '/v/t39.30808-1/0_n.svg', preview: fillerPreviews[k % fillerPreviews.length], time: '3d' };
      const row = core.build(B.tpl.threadrow, d, false);
      ms.threads.set(id, { d, row });
      f.appendChild(row);
    }
    ms.rows.appendChild(f);
    return ms.rows.children.length;
  }

  function onKey(e) {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || !isComposer(e.target)) return;
    if (!core) return;
    e.preventDefault();
    send(e.target);
  }

  function onClick(e) {
    const t = e.target instanceof Element ? e.target : null;
    if (!t || !dock) return;
    const btn = t.closest('[role="button"]');
    const chat = btn && chatByElement(btn);
    if (chat && btn.getAttribute('aria-label') === dock.B.L.close_chat) {
      chat.root.parentElement.remove();
      dock.chats.delete(chat.data.id);
    }
  }

  function start() {
    core = window.__tbCore;
    if (!core) return;
    const B = core.boot();
    if (B) initDock(B);
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('click', onClick);
    window.__testbed = Object.assign(window.__testbed || {}, {
      receiveMessage,
      appendThreads,
      threadRowCount: () => (ms && ms.rows ? ms.rows.children.length : 0),
      openThreadId: () => (ms && ms.thread ? ms.thread.id : null),
    });
  }

  // comet.js starts on DOMContentLoaded too and runs first (listener order).
  // Deferred scripts run while readyState is already "interactive" but
  // before DOMContentLoaded; starting then would run before messenger.js
  // has registered its route. Start on DOMContentLoaded, or at once when
  // the document is complete; "load" is the fallback for late injection.
  let started = false;
  const once = () => { if (!started) { started = true; start(); } };
  if (document.readyState === 'complete') once();
  else {
    document.addEventListener('DOMContentLoaded', once);
    window.addEventListener('load', once);
  }
})();
