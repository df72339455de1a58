// Draft checks while the clinician types (issue 6).
//
// On an edit in a message, post or comment box (a contenteditable textbox),
// the text goes to the core's draftCheck after a pause in typing, in an
// idle moment. Findings appear in a small note above the box, in a closed
// shadow root: each says what it found and why, and can be dismissed for
// this conversation. The note never blocks typing or sending, and the text
// is never changed. The text itself goes nowhere but the core.
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { t } = globalThis.BoundaryI18n;
  const BOX = '[contenteditable="true"][role="textbox"]';
  const HOST_TAG = 'boundary-drafts';
  const DEBOUNCE_MS = 400;
  const STORE = 'draftDismissed'; // chrome.storage.local: {conversation key: [finding ids]}

  let ctx = null;
  const timers = new WeakMap(); // box → pending timer
  const notes = new Map(); // box → { host, list }
  let dismissed = {};

  let sheet = null;
  function styles() {
    if (sheet) return sheet;
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      :host { all: initial; position: fixed; z-index: 2147482000; }
      .note { box-sizing: border-box; max-width: 420px; font: 12px/1.4 system-ui, sans-serif; color: #1c1b1f;
              background: #fffdf5; border: 1px solid #c58a00; border-radius: 8px; padding: 6px 8px;
              box-shadow: 0 4px 14px rgba(0,0,0,.18); }
      .f { padding: 3px 0; } .f + .f { border-top: 1px solid #eadbb0; }
      .sev-critical .m, .sev-high .m { color: #b3261e; }
      .m { font-weight: 600; } .w { color: #555; } .why { display: none; margin-top: 2px; }
      .f[data-open] .why { display: block; }
      button { font: 600 11px/1.3 system-ui, sans-serif; border: 1px solid #8a6100; background: #fff; color: #5c4100;
               border-radius: 6px; padding: 1px 6px; margin: 2px 4px 0 0; cursor: pointer; }
      button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
    `);
    return sheet;
  }

  const { el, threadIdFromPath } = globalThis.BoundaryUI;


  // where describes the box's conversation: a chat window, the open
  // thread, or a post or comment box on some page.
  function where(box) {
    const win = box.closest('[role="dialog"]');
    if (win) {
      const link = [...win.querySelectorAll('a[href]')].map((a) => {
        try {
          return threadIdFromPath(new URL(a.getAttribute('href'), location.href).pathname);
        } catch {
          return '';
        }
      }).find(Boolean);
      if (link) return { key: `t:${link}`, thread: link, recipient: win.getAttribute('aria-label') || '' };
    }
    const main = box.closest('[role="main"]');
    const tid = threadIdFromPath(location.pathname);
    if (main && tid) {
      const h = main.querySelector('h1, h2');
      return { key: `t:${tid}`, thread: tid, recipient: h ? h.textContent.trim() : '' };
    }
    // A post or comment: no recipient, and dismissals hold for the page.
    return { key: `p:${location.pathname}`, recipient: '' };
  }

  function uiLang() {
    return (document.documentElement.lang || '').toLowerCase().startsWith('de') ? 'de' : 'en';
  }

  function schedule(box) {
    clearTimeout(timers.get(box));
    timers.set(box, setTimeout(() => {
      const idle = globalThis.requestIdleCallback || ((f) => setTimeout(f, 1));
      idle(() => check(box).catch((e) => ctx.stats.errors.push(`draft check: ${e && e.message}`)), { timeout: 1000 });
    }, DEBOUNCE_MS));
  }

  async function check(box) {
    if (!box.isConnected) return;
    const text = box.innerText || '';
    const w = where(box);
    const st = ctx.stats.drafts ||= { checks: 0, shown: [] };
    if (text.trim() === '') {
      draw(box, w, text, []);
      return;
    }
    const c = { recipient: w.recipient, ui_lang: uiLang() };
    // When the Messenger adapter has judged the thread, its verdict beats
    // matching the header's name against the list.
    const noted = w.thread && globalThis.BoundaryPanel && globalThis.BoundaryPanel.known
      ? globalThis.BoundaryPanel.known(w.thread) : null;
    if (noted && (noted.verdict === 'patient' || noted.verdict === 'unknown' || noted.verdict === 'non_client')) {
      c.to_patient = noted.verdict === 'patient';
    }
    const out = JSON.parse(await ctx.core.call('draftCheck', text, JSON.stringify(c)));
    if (out.error) throw new Error(out.error);
    st.checks++;
    // The box may have changed meanwhile; a newer check will follow.
    if ((box.innerText || '') !== text) return;
    draw(box, w, text, out.findings || []);
  }

  function draw(box, w, text, findings) {
    const gone = new Set(dismissed[w.key] || []);
    const show = findings.filter((f) => !gone.has(f.id));
    // For the tests: what is shown, for how long a text, after how many
    // draws. Kept in the isolated world; no text is kept.
    const st = ctx.stats.drafts ||= { checks: 0, shown: [] };
    st.shown = show.map((f) => f.id);
    st.seq = (st.seq || 0) + 1;
    st.len = text.length;
    let n = notes.get(box);
    if (show.length === 0) {
      if (n) drop(box, n);
      return;
    }
    if (!n || !n.host.isConnected) {
      const host = document.createElement(HOST_TAG);
      const root = host.attachShadow({ mode: 'closed' });
      root.adoptedStyleSheets = [styles()];
      const list = el('div', 'note');
      list.setAttribute('role', 'status');
      list.setAttribute('aria-live', 'polite');
      list.setAttribute('aria-label', t('draftCheckLabel'));
      root.append(list);
      (document.body || document.documentElement).append(host);
      // While a note is up, any change to the box (a send that clears it,
      // an undo, the editor's own updates) gets the box looked at again.
      const mo = new MutationObserver(() => schedule(box));
      mo.observe(box, { childList: true, subtree: true, characterData: true });
      n = { host, list, mo };
      notes.set(box, n);
    }
    n.list.replaceChildren(...show.map((f) => finding(box, w, text, f)));
    place(n.host, box);
  }

  function finding(box, w, text, f) {
    const d = el('div', `f sev-${f.severity}`);
    d.dataset.rule = f.rule;
    d.append(el('div', 'm', f.message));
    // The user's own words, as typed; quoted so they see what triggered it.
    const words = [...new Set((f.spans || []).map((s) => text.slice(s.start16, s.end16)))].filter(Boolean);
    if (words.length) d.append(el('div', 'w', t('foundWords', words.map((x) => `“${x}”`).join(', '))));
    const why = el('div', 'why', f.explanation);
    const whyB = el('button', '', t('why'));
    whyB.type = 'button';
    whyB.setAttribute('aria-expanded', 'false');
    whyB.addEventListener('click', () => {
      d.toggleAttribute('data-open');
      whyB.setAttribute('aria-expanded', String(d.hasAttribute('data-open')));
    });
    const dis = el('button', '', t('dismissHere'));
    dis.type = 'button';
    dis.title = t('dismissTitle');
    dis.addEventListener('click', async () => {
      const list = new Set(dismissed[w.key] || []);
      list.add(f.id);
      dismissed[w.key] = [...list].slice(-200);
      await api.storage.local.set({ [STORE]: dismissed });
      d.remove();
      const n = notes.get(box);
      if (n && !n.list.firstChild) drop(box, n);
      const st = ctx.stats.drafts;
      if (st) st.shown = st.shown.filter((id) => id !== f.id);
    });
    d.append(whyB, dis, why);
    return d;
  }

  function drop(box, n) {
    n.mo.disconnect();
    n.host.remove();
    notes.delete(box);
  }

  // place puts the note just above the box, or below when there is no
  // room, never over it.
  function place(host, box) {
    const r = box.getBoundingClientRect();
    const left = Math.max(8, Math.min(r.left, innerWidth - 428));
    host.style.setProperty('left', `${Math.round(left)}px`, 'important');
    const h = host.getBoundingClientRect().height || 60;
    const top = r.top - h - 6 >= 4 ? r.top - h - 6 : r.bottom + 6;
    host.style.setProperty('top', `${Math.round(top)}px`, 'important');
  }

  // Notes follow their box when the page scrolls or resizes; a box that
  // left the page takes its note with it.
  let queued = false;
  function follow() {
    if (queued || notes.size === 0) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      for (const [box, n] of notes) {
        if (!box.isConnected || !n.host.isConnected) {
          drop(box, n);
        } else {
          place(n.host, box);
        }
      }
    });
  }

  function onInput(e) {
    const target = e.target;
    const box = target && target.nodeType === 1 ? target.closest(BOX) : null;
    if (box && ctx) schedule(box);
  }

  (globalThis.BoundaryFeatures ||= []).push({
    kinds: [],
    async ready(c) {
      ctx = c;
      const got = await api.storage.local.get(STORE);
      dismissed = got[STORE] && typeof got[STORE] === 'object' ? got[STORE] : {};
      api.storage.onChanged.addListener((changes, area) => {
        if (area === 'local' && changes[STORE]) dismissed = changes[STORE].newValue || {};
      });
      // Lexical cancels many beforeinput events and applies the edit
      // itself, so no input event follows them; listen to both.
      for (const t of ['beforeinput', 'input', 'paste', 'cut', 'drop']) document.addEventListener(t, onInput, true);
      addEventListener('scroll', follow, { capture: true, passive: true });
      addEventListener('resize', follow, { passive: true });
      // A box the user already typed in before the core was ready.
      const a = document.activeElement;
      if (a && a.closest && a.closest(BOX) && (a.innerText || '').trim()) schedule(a.closest(BOX));
    },
  });
})();
