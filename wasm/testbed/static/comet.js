/* Testbed page runtime for www.facebook.com imitations.
 *
 * It does what the real Comet runtime does to an extension's detriment:
 * renders cards client-side from data, loads more on scroll, opens popovers,
 * navigates with history.pushState, and re-renders nodes. Every node is built
 * with DOM APIs from templates the server ships in the CometTestbedBootstrap
 * blob; data only ever reaches the page as text nodes and attribute values.
 */
(() => {
  'use strict';

  const SVGNS = 'http://www.w3.org/2000/svg';
  const XLINK = 'http://www.w3.org/1999/xlink';
  const ROUTES = /^\/(?:|friends\/?|friends\/requests\/?|friends\/suggestions\/?|messages\/.*|t\/.*|e2ee\/t\/.*|requests\/?)$/;

  // fill replaces {slot} references in one pass, exactly like fill in markup.go.
  function fill(s, d) {
    if (!d || s.indexOf('{') < 0) return s;
    return s.replace(/\{([a-z0-9_]+)\}/g, (_, k) => (Object.prototype.hasOwnProperty.call(d, k) ? String(d[k]) : ''));
  }

  // build turns a template node into DOM. mounts collects elements marked "m".
  function build(n, d, inSvg, mounts) {
    if (n.if && !d[n.if]) return null;
    if (n.un && d[n.un]) return null;
    if (!n.t) {
      const f = document.createDocumentFragment();
      if (n.x) f.appendChild(document.createTextNode(fill(n.x, d)));
      for (const k of n.k || []) {
        const c = build(k, d, inSvg, mounts);
        if (c) f.appendChild(c);
      }
      return f;
    }
    const svg = inSvg || n.t === 'svg';
    const e = svg ? document.createElementNS(SVGNS, n.t) : document.createElement(n.t);
    for (const [k, v] of n.a || []) {
      if (k.startsWith('xlink:')) e.setAttributeNS(XLINK, k, fill(v, d));
      else e.setAttribute(k, fill(v, d));
    }
    if (n.m && mounts) mounts[n.m] = e;
    for (const k of n.k || []) {
      const c = build(k, d, svg, mounts);
      if (c) e.appendChild(c);
    }
    return e;
  }

  function readBoot(root) {
    let found = null;
    for (const s of root.querySelectorAll('script[type="application/json"]')) {
      const t = s.textContent;
      if (t.indexOf('CometTestbedBootstrap') < 0) continue;
      try {
        for (const r of JSON.parse(t).require || []) {
          if (r[0] === 'CometTestbedBootstrap') found = r[3][0];
        }
      } catch (_) { /* not ours */ }
    }
    return found;
  }

  // fnv1a32 over UTF-8, as hash/fnv New32a in Go.
  function fnv(s) {
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode(s)) {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
  const idHash = (id) => fnv('v' + id);
  function mutualCount(id) {
    const v = fnv(id) % 40;
    return v < 8 ? 0 : v - 7;
  }

  let B = null;          // bootstrap of the current route
  let state = null;      // per-route state, reset on navigation
  let clientIds = 0;     // React-style client ids (":r1:")
  let fillerNext = 0;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const byId = (id) => (id ? document.getElementById(id) : null);

  function sticky(extra) {
    const p = new URLSearchParams(B.sticky);
    for (const [k, v] of Object.entries(extra || {})) p.set(k, String(v));
    return p.toString();
  }

  async function ajax(path, params) {
    const r = await fetch(path + '?' + sticky(params), { credentials: 'same-origin' });
    let t = await r.text();
    if (t.startsWith('for (;;);')) t = t.slice(9);
    return JSON.parse(t);
  }

  // slotsFor mirrors cardSlots in friends.go for invented filler people.
  function slotsFor(p) {
    const L = B.L;
    const h = idHash(p.id);
    // Filler shares eight pictures (avatarID in data.go).
    const d = { id: p.id, name: p.name, avatar: fill(B.avatar, { id: String(Number(B.filler.base) + (Number(p.id) - Number(B.filler.base)) % 8) }) };
    d.href = h % 3 === 1 ? '/profile.php?id=' + p.id : '/friends/requests/?profile_id=' + p.id;
    const m = mutualCount(p.id);
    if (m > 0) {
      d.mutual = m === 1 ? L.mutual_1 : L.mutual_n.replace('%d', String(m));
      if (h % 5 === 2) d.mutual_lb = ':r' + (clientIds++).toString(36) + ':';
    }
    d.primary_label = d.primary_text = L.confirm;
    d.secondary_label = d.secondary_text = L.delete;
    if (h % 4 === 0) {
      d.primary_label = L.confirm_request;
      d.secondary_label = L.delete_request;
    }
    return d;
  }

  function fillerPerson(i) {
    const F = B.filler;
    return {
      id: String(Number(F.base) + i),
      name: F.first[i % F.first.length] + ' ' + F.last[(i * 7 + 3) % F.last.length],
    };
  }

  // --- request list: infinite scroll -------------------------------------

  function scrollParent(el) {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowY;
      if (o === 'auto' || o === 'scroll') return p;
    }
    return null;
  }

  function nearBottom(s) {
    const r = s.sentinel.getBoundingClientRect();
    const root = s.scroller ? s.scroller.getBoundingClientRect() : { bottom: window.innerHeight };
    return r.top < root.bottom + 300;
  }

  function appendData(s, list) {
    const f = document.createDocumentFragment();
    for (const d of list) {
      s.cards.push(d);
      f.appendChild(build(B.tpl.card, d, false));
    }
    s.list.appendChild(f);
  }

  async function loadMore(s) {
    if (s.loading || s.next < 0 || s.dead) return;
    s.loading = true;
    const sp = build(B.tpl.spinner, { loading: B.L.loading }, false);
    s.sentinel.appendChild(sp);
    try {
      await sleep(100);
      const j = await ajax('/ajax/friending/requests/', { cursor: s.next, locale: B.locale });
      if (s.dead) return;
      appendData(s, j.payload.cards);
      s.next = j.payload.next;
    } catch (e) {
      console.error('testbed: loading requests failed', e);
    } finally {
      sp.remove();
      s.loading = false;
    }
    if (!s.dead && s.next >= 0 && nearBottom(s)) loadMore(s);
  }

  function initList(s) {
    s.list = byId(B.mounts.list);
    s.sentinel = byId(B.mounts.sentinel);
    if (!s.list) return;
    s.cards = (B.cards || []).slice();
    s.next = B.next;
    fillerNext = Math.max(fillerNext, B.fillerNext || 0);
    if (!s.sentinel || s.next < 0) return;
    s.scroller = scrollParent(s.sentinel);
    s.io = new IntersectionObserver((es) => {
      if (es.some((e) => e.isIntersecting)) loadMore(s);
    }, { root: s.scroller, rootMargin: '0px 0px 300px 0px' });
    s.io.observe(s.sentinel);
    s.onScroll = () => { if (nearBottom(s)) loadMore(s); };
    (s.scroller || window).addEventListener('scroll', s.onScroll, { passive: true });
  }

  // --- popover -------------------------------------------------------------

  function closePopover() {
    const p = state && state.popover;
    if (!p) return;
    p.root.remove();
    state.popover = null;
    const j = byId(B.mounts.jewel);
    if (j) j.setAttribute('aria-expanded', 'false');
  }

  async function openPopover() {
    const m = {};
    const root = build(B.tpl.dialog, { title: B.L.friend_requests, close: B.L.close }, false, m);
    const p = { root, list: m.list, close: m.close };
    state.popover = p;
    byId(B.mounts.layer).appendChild(root);
    byId(B.mounts.jewel).setAttribute('aria-expanded', 'true');
    const sp = build(B.tpl.spinner, { loading: B.L.loading }, false);
    p.list.appendChild(sp);
    try {
      await sleep(100);
      const j = await ajax('/ajax/friending/requests/', { cursor: 0, locale: B.locale });
      if (state.popover !== p) return;
      const f = document.createDocumentFragment();
      for (const d of j.payload.cards) f.appendChild(build(B.tpl.card, d, false));
      p.list.appendChild(f);
    } finally {
      sp.remove();
    }
  }

  // --- navigation --------------------------------------------------------

  function routeInit() {
    state = { cards: [], next: -1, popover: null };
    initList(state);
    const hook = (window.__tbRoutes || {})[B.route];
    if (hook && hook.init) hook.init(B, api);
  }

  function routeTeardown() {
    if (!state) return;
    closePopover();
    state.dead = true;
    if (state.io) state.io.disconnect();
    if (state.onScroll) (state.scroller || window).removeEventListener('scroll', state.onScroll);
    const hook = (window.__tbRoutes || {})[B.route];
    if (hook && hook.teardown) hook.teardown();
  }

  let navSeq = 0;
  async function navigate(href, push) {
    const u = new URL(href, location.href);
    for (const [k, v] of new URLSearchParams(B.sticky)) if (!u.searchParams.has(k)) u.searchParams.set(k, v);
    const seq = ++navSeq;
    const r = await fetch(u.pathname + u.search, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    const html = await r.text();
    if (seq !== navSeq) return;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const nb = readBoot(doc);
    const fresh = nb && doc.getElementById(nb.mounts.region);
    const old = byId(B.mounts.region);
    if (!fresh || !old) { location.assign(u.href); return; }
    routeTeardown();
    old.replaceWith(document.importNode(fresh, true));
    // Copy the new page's banner state (which tab is current).
    const ob = document.querySelectorAll('[role="banner"] a');
    const nbn = doc.querySelectorAll('[role="banner"] a');
    ob.forEach((a, i) => {
      const c = nbn[i] && nbn[i].getAttribute('aria-current');
      if (c) a.setAttribute('aria-current', c); else a.removeAttribute('aria-current');
    });
    // Data arrives as more script blobs, as with streamed Comet payloads.
    for (const s of doc.querySelectorAll('body > script[type="application/json"]')) {
      document.body.appendChild(document.importNode(s, true));
    }
    document.title = nb.title;
    if (push) history.pushState({ testbed: true }, '', u.pathname + u.search);
    B = nb;
    routeInit();
    window.dispatchEvent(new CustomEvent('testbed:navigated', { detail: { path: u.pathname } }));
  }

  function onClick(e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const t = e.target instanceof Element ? e.target : null;
    if (!t) return;
    if (state && state.popover) {
      if (t.closest('[role="button"]') === state.popover.close) { closePopover(); return; }
      if (!state.popover.root.contains(t) && !t.closest('#' + CSS.escape(B.mounts.jewel))) closePopover();
    }
    if (t.closest('#' + CSS.escape(B.mounts.jewel))) {
      e.preventDefault();
      if (state.popover) closePopover(); else openPopover();
      return;
    }
    const a = t.closest('a[href]');
    if (!a || a.target) return;
    const u = new URL(a.href, location.href);
    if (u.origin !== location.origin || !ROUTES.test(u.pathname)) return;
    e.preventDefault();
    navigate(u.href, true);
  }

  // --- test API (MAIN world) ---------------------------------------------

  function needList() {
    if (!state || !state.list) throw new Error('testbed: this page has no request list');
    return state;
  }

  const api = {
    build, fill, ajax, sleep, byId,
    boot: () => B,
    newClientId: () => ':r' + (clientIds++).toString(36) + ':',
  };

  window.__testbed = Object.assign(window.__testbed || {}, {
    // appendCards adds n invented requests synchronously, in one task.
    appendCards(n) {
      const s = needList();
      const list = [];
      for (let i = 0; i < n; i++) list.push(slotsFor(fillerPerson(fillerNext++)));
      appendData(s, list);
      return s.list.children.length;
    },
    // rerenderCard replaces card i with a freshly built node from its data,
    // dropping anything an extension attached to the old one.
    rerenderCard(i) {
      const s = needList();
      const old = s.list.children[i];
      if (!old || !s.cards[i]) throw new RangeError('testbed: no card ' + i);
      const fresh = build(B.tpl.card, s.cards[i], false);
      old.replaceWith(fresh);
      return fresh;
    },
    cardCount() {
      return state && state.list ? state.list.children.length : 0;
    },
    navigate(path) { return navigate(path, true); },
    route() { return B && B.route; },
  });
  window.__tbCore = api;

  function start() {
    B = readBoot(document);
    if (!B) return;
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') closePopover();
      if (e.key === 'Enter' && e.target instanceof Element && e.target.matches('#' + CSS.escape(B.mounts.jewel))) {
        if (state.popover) closePopover(); else openPopover();
      }
    });
    window.addEventListener('popstate', () => navigate(location.href, false));
    history.replaceState({ testbed: true }, '', location.href);
    routeInit();
    window.__testbed.ready = true;
    window.dispatchEvent(new CustomEvent('testbed:ready'));
  }

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
