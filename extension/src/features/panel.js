// Reply suggestion panel and insertion into the composer (issue 6).
//
// The panel shows the replies the core picked for an item (a friend
// request, a conversation), best first, filled from the clinic profile. It
// puts the chosen text into that conversation's composer with
// BoundaryInsert (insert.js), as a paste the editor itself handles; it
// never presses Send or any other key. For a friend request, "Reply and
// decline" opens the requester's conversation, where the text is inserted
// once the composer appears, and remembers the request as handled (by
// profile id only).
//
// Drawn in a closed shadow root with a constructed stylesheet; every string
// from the page or the profile reaches the DOM through textContent.
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const COMPOSER = 'div[contenteditable="true"][role="textbox"]';
  const HOST_TAG = 'boundary-panel';
  const PLACEHOLDER = /\{[a-z0-9_]+\}/;
  const { t } = globalThis.BoundaryI18n;
  const FIELDS = ['clinic_name', 'phone', 'email', 'portal_url', 'business_page_url', 'out_of_hours',
    'emergency_number', 'crisis_line', 'complaints_url', 'sign_off'];
  const fieldLabel = (f) => (FIELDS.includes(f) ? t(`field_${f}`) : f);

  let ctx = null; // set by ready(): { core, stats, … }
  let current = null; // the open panel
  const known = new Map(); // thread id → the last item seen for it (banner, badge)

  let sheet = null;
  function styles() {
    if (sheet) return sheet;
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      :host { all: initial; position: fixed; z-index: 2147483000; }
      .panel { box-sizing: border-box; width: 400px; max-width: calc(100vw - 16px); max-height: min(80vh, 640px); overflow: auto;
               font: 13px/1.45 system-ui, sans-serif; color: #1c1b1f; background: #fff; border: 1px solid #8a8d91;
               border-radius: 10px; box-shadow: 0 8px 28px rgba(0,0,0,.25); padding: 10px 12px; }
      .head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 6px; }
      h2 { font: 600 14px/1.3 system-ui, sans-serif; margin: 0; overflow-wrap: anywhere; }
      button { font: 600 12px/1.4 system-ui, sans-serif; border-radius: 8px; cursor: pointer; padding: 4px 10px;
               border: 1px solid #1d4ed8; background: #fff; color: #1d4ed8; }
      button.primary { background: #1d4ed8; color: #fff; }
      button.x { border: 0; font-size: 16px; padding: 0 6px; color: #444; }
      button:focus-visible, input:focus-visible, [role=option]:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
      .note { background: #fff8e1; border: 1px solid #e0b400; border-radius: 8px; padding: 6px 8px; margin: 6px 0; }
      [role=listbox] { display: flex; flex-direction: column; gap: 4px; margin: 4px 0; max-height: 26vh; overflow: auto; padding: 2px; }
      [role=option] { border: 1px solid #d0d3d7; border-radius: 8px; padding: 5px 8px; cursor: pointer; }
      [role=option][aria-selected=true] { border-color: #1d4ed8; background: #eef3ff; }
      .t { font-weight: 600; } .about { color: #555; font-size: 12px; }
      [role=option] .about { font-size: 11px; }
      .best { font-size: 11px; color: #fff; background: #1e7f3b; border-radius: 6px; padding: 0 5px; margin-left: 6px; }
      .needs { color: #8a4b00; font-size: 12px; }
      .text { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #d0d3d7; border-radius: 8px;
              padding: 8px; margin: 6px 0; background: #fafafa; max-height: 30vh; overflow: auto; }
      label { display: block; font-size: 12px; margin-top: 4px; }
      input { box-sizing: border-box; width: 100%; font: 13px system-ui, sans-serif; padding: 3px 6px; }
      .actions { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 6px; }
      .status { margin-top: 6px; font-size: 12px; min-height: 1em; }
      .status.bad { color: #b3261e; }
    `);
    return sheet;
  }

  const { el, threadIdFromPath } = globalThis.BoundaryUI;

  // --- which conversation --------------------------------------------------


  function threadIdFromHref(href) {
    try {
      return threadIdFromPath(new URL(href, location.href).pathname);
    } catch {
      return '';
    }
  }

  // conversationOf finds the conversation an element belongs to: a docked
  // chat window (role=dialog with a composer) or the page's main thread.
  function conversationOf(node) {
    const start = node && node.nodeType === 1 ? node : null;
    const win = start && start.closest('[role="dialog"]');
    if (win && win.querySelector(COMPOSER)) {
      const link = [...win.querySelectorAll('a[href]')].find((a) => threadIdFromHref(a.getAttribute('href')));
      return {
        root: win, kind: 'chat', name: win.getAttribute('aria-label') || '',
        threadId: link ? threadIdFromHref(link.getAttribute('href')) : '',
      };
    }
    const main = document.querySelector('[role="main"]');
    if (main && main.querySelector(COMPOSER)) {
      const h = main.querySelector('h1, h2');
      return { root: main, kind: 'main', name: h ? h.textContent.trim() : '', threadId: threadIdFromPath(location.pathname) };
    }
    return null;
  }

  function composerOf(conv) {
    if (!conv || !conv.root.isConnected) return null;
    const all = [...conv.root.querySelectorAll(COMPOSER)];
    return all[all.length - 1] || null;
  }

  // currentConversation is the one the keyboard shortcut means: the
  // focused composer's, else the open thread, else a chat window.
  function currentConversation() {
    const a = document.activeElement;
    if (a && a.closest && a.closest(COMPOSER)) return conversationOf(a);
    const main = conversationOf(document.querySelector('[role="main"]'));
    if (main) return main;
    const win = [...document.querySelectorAll('[role="dialog"]')].find((d) => d.querySelector(COMPOSER));
    return win ? conversationOf(win) : null;
  }

  // profileIdOf turns a requester's profile link into the id Messenger
  // threads use: profile.php?id=N or ?profile_id=N, else the vanity name.
  function profileIdOf(profileUrl) {
    let u;
    try {
      u = new URL(profileUrl, location.href);
    } catch {
      return '';
    }
    const id = u.searchParams.get('id') || u.searchParams.get('profile_id');
    if (id && /^\d{1,20}$/.test(id)) return id;
    const seg = u.pathname.split('/').filter(Boolean);
    if (seg.length === 1 && /^[A-Za-z0-9.]{1,64}$/.test(seg[0]) && seg[0] !== 'profile.php') return seg[0];
    return '';
  }

  function threadURL(id) {
    if (location.host === 'www.messenger.com') return `https://www.messenger.com/t/${encodeURIComponent(id)}/`;
    return `${location.origin}/messages/t/${encodeURIComponent(id)}/`;
  }

  // --- core and storage ----------------------------------------------------

  async function settings() {
    const got = await api.storage.local.get(['clinicProfile', 'replyOverrides', 'clinicPolicy']);
    const asText = (v) => (v == null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
    return { profile: asText(got.clinicProfile), overrides: asText(got.replyOverrides), policy: asText(got.clinicPolicy) };
  }

  async function suggestions(item, vars) {
    const s = await settings();
    const forCore = {
      kind: item.kind || '', name: item.name || '', verdict: item.verdict || '',
      category: item.category || '',
      situation: item.situation || '', lang: item.lang || '', vars: vars || {},
    };
    const out = JSON.parse(await ctx.core.call('suggest', JSON.stringify(forCore), s.profile, s.overrides, s.policy, ''));
    if (out.error) throw new Error(out.error);
    return out;
  }

  // --- drawing -------------------------------------------------------------

  function close(restoreFocus = true) {
    if (!current) return;
    const { host, opener } = current;
    current = null;
    host.remove();
    if (restoreFocus && opener && opener.isConnected && typeof opener.focus === 'function') opener.focus({ preventScroll: true });
  }

  // place puts the panel beside anchor (below it, or above when the
  // anchor is low on the screen), always inside the viewport.
  function place(host, anchor) {
    const w = Math.min(400, innerWidth - 16);
    const h = host.getBoundingClientRect().height || 300;
    let left = innerWidth - w - 16;
    let top = 16;
    const r = anchor && anchor.isConnected ? anchor.getBoundingClientRect() : null;
    if (r && (r.width || r.height)) {
      left = r.left;
      top = r.bottom + 6 + h <= innerHeight - 8 ? r.bottom + 6 : r.top - h - 6;
    }
    left = Math.min(Math.max(8, left), innerWidth - w - 8);
    top = Math.min(Math.max(8, top), Math.max(8, innerHeight - h - 8));
    host.style.setProperty('left', `${Math.round(left)}px`, 'important');
    host.style.setProperty('top', `${Math.round(top)}px`, 'important');
  }

  // open draws the panel for item next to anchor.
  async function open(item, anchor) {
    const opener = document.activeElement && document.activeElement !== document.body ? document.activeElement : anchor;
    close(false);
    if (!ctx) {
      notice(t('panelStarting'));
      return;
    }
    item = item || {};
    const conv = item.kind === 'friend_request' ? null : (item.conversation || conversationOf(anchor) || currentConversation());
    if (conv && conv.threadId) {
      if (!item.kind) item.kind = 'thread';
      known.set(conv.threadId, Object.assign(known.get(conv.threadId) || {}, item));
    }

    const host = document.createElement(HOST_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    root.adoptedStyleSheets = [styles()];
    const panel = el('div', 'panel');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', t('panelLabel'));
    const head = el('div', 'head');
    const who = item.name || (conv && conv.name) || '';
    const h = el('h2', '', who ? t('replyTo', who) : t('suggestedReplies'));
    const x = el('button', 'x', '×');
    x.type = 'button';
    x.setAttribute('aria-label', t('close'));
    x.addEventListener('click', () => close());
    head.append(h, x);
    const body = el('div');
    const status = el('div', 'status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    panel.append(head, body, status);
    root.append(panel);
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close();
      }
    });
    // Keys typed in the panel belong to the panel, not to page shortcuts.
    panel.addEventListener('keypress', (e) => e.stopPropagation());
    (document.body || document.documentElement).append(host);
    place(host, anchor);
    current = { host, opener, item, conv, panel };
    body.append(el('div', '', t('findingReply')));
    x.focus({ preventScroll: true });

    const state = { vars: {}, selected: 0 };
    const say = (text, bad = false) => {
      status.textContent = text;
      status.classList.toggle('bad', bad);
    };

    async function render() {
      let res;
      try {
        res = await suggestions(item, state.vars);
      } catch (e) {
        body.replaceChildren(el('div', 'note', t('couldNotPrepare', e && e.message)));
        return;
      }
      if (!current || current.host !== host) return;
      const list = res.suggestions || [];
      body.replaceChildren();
      if (res.profile.state !== 'ok') {
        const n = el('div', 'note');
        n.append(el('div', '', res.profile.state === 'none'
          ? t('noProfile')
          : t('profileProblems', res.profile.errors.slice(0, 3).join('; '))));
        const b = el('button', '', t('openSettings'));
        b.type = 'button';
        b.addEventListener('click', () => api.runtime.sendMessage({ type: 'content→sw:open-options' }).catch(() => {}));
        n.append(b);
        body.append(n);
      }
      if (list.length === 0) {
        body.append(el('div', 'note', t('noReplyFits')));
        return;
      }
      // Keep the chosen template across a re-render (after "Fill in"),
      // else start on the best fit.
      state.selected = list.findIndex((x) => x.template === state.template);
      if (state.selected < 0) state.selected = Math.max(0, list.findIndex((x) => x.best));
      const box = el('div');
      box.setAttribute('role', 'listbox');
      box.setAttribute('aria-label', t('replies'));
      const detail = el('div');
      const options = list.map((s, i) => {
        const o = el('div');
        o.setAttribute('role', 'option');
        o.tabIndex = i === state.selected ? 0 : -1;
        o.id = `opt-${i}`;
        o.append(el('span', 't', s.title));
        if (s.best) o.append(el('span', 'best', t('bestFit')));
        if (s.about) o.append(el('div', 'about', s.about));
        if (!s.text) o.append(el('div', 'needs', t('needs', needsText(s))));
        o.addEventListener('click', () => select(i, true));
        return o;
      });
      function select(i, focus) {
        state.selected = i;
        state.template = list[i].template;
        options.forEach((o, k) => {
          o.setAttribute('aria-selected', String(k === i));
          o.tabIndex = k === i ? 0 : -1;
        });
        box.setAttribute('aria-activedescendant', options[i].id);
        if (focus) options[i].focus({ preventScroll: true });
        drawDetail(list[i]);
      }
      box.addEventListener('keydown', (e) => {
        const d = { ArrowDown: 1, ArrowUp: -1 }[e.key];
        if (d) {
          e.preventDefault();
          select((state.selected + d + list.length) % list.length, true);
        } else if (e.key === 'Enter' || e.key === ' ') {
          // Choose this reply and go to its button (or first field).
          e.preventDefault();
          const next = detail.querySelector('button.primary, input');
          if (next) next.focus({ preventScroll: true });
        } else if (e.key === 'Home' || e.key === 'End') {
          e.preventDefault();
          select(e.key === 'Home' ? 0 : list.length - 1, true);
        }
      });
      box.append(...options);

      function drawDetail(s) {
        detail.replaceChildren();
        if (!s.text) {
          // Ask for what the template needs, for this reply only.
          const fields = s.missing.concat(s.one_of.slice(0, 1));
          const form = el('form');
          const inputs = {};
          for (const f of fields) {
            const lab = el('label', '', fieldLabel(f));
            const inp = el('input');
            inp.name = f;
            inp.value = state.vars[f] || '';
            inputs[f] = inp;
            lab.append(inp);
            form.append(lab);
          }
          const go = el('button', 'primary', t('fillIn'));
          go.type = 'submit';
          form.append(el('div', 'actions'));
          form.lastChild.append(go);
          form.addEventListener('submit', (e) => {
            e.preventDefault();
            for (const [k, v] of Object.entries(inputs)) if (v.value.trim()) state.vars[k] = v.value.trim();
            render();
          });
          detail.append(el('div', 'needs', t('replyNeeds', needsText(s))), form);
          return;
        }
        const text = el('div', 'text', s.text);
        text.setAttribute('aria-label', t('replyText'));
        const actions = el('div', 'actions');
        if (item.kind === 'friend_request') {
          const b = el('button', 'primary', t('replyAndDecline'));
          b.type = 'button';
          b.addEventListener('click', () => replyAndDecline(item, s, say));
          actions.append(b);
        } else {
          const b = el('button', 'primary', t('insert'));
          b.type = 'button';
          b.addEventListener('click', () => insert(conv, s.text, say));
          actions.append(b);
        }
        detail.append(text, actions);
        if (s.defaulted && s.defaulted.length) {
          detail.append(el('div', 'about', t('checkDefaults', s.defaulted.map(fieldLabel).join(', '))));
        }
      }
      body.append(detail, el('div', 'about', t('otherReplies')), box);
      select(state.selected, false);
      place(host, anchor);
      const primary = detail.querySelector('button.primary');
      (primary || options[state.selected]).focus({ preventScroll: true });
      if (res.problems && res.problems.length) body.append(el('div', 'about', res.problems.join(' ')));
    }
    await render();
  }

  function needsText(s) {
    const names = (s.missing || []).map((f) => fieldLabel(f));
    if (s.one_of && s.one_of.length) names.push(t('oneOf', s.one_of.map(fieldLabel).join(', ')));
    return names.join(', ');
  }

  // --- inserting -----------------------------------------------------------

  async function insert(conv, text, say) {
    if (PLACEHOLDER.test(text)) {
      say(t('blankNotInserted'), true);
      return false;
    }
    const composer = composerOf(conv);
    if (!composer) {
      say(t('noComposer'), true);
      return false;
    }
    const r = await globalThis.BoundaryInsert.insertText(composer, text);
    if (r.ok) {
      say(t('inserted'));
      return true;
    }
    say(t('didNotLand', r.reason), true);
    return false;
  }

  async function replyAndDecline(item, s, say) {
    const id = profileIdOf(item.profile_url || '');
    if (!id) {
      say(t('noThreadForRequest'), true);
      return;
    }
    if (PLACEHOLDER.test(s.text)) {
      say(t('blankLeft'), true);
      return;
    }
    const r = await api.runtime.sendMessage({ type: 'content→sw:reply-pending-set', thread: id, text: s.text });
    if (!r || r.error) {
      say(t('couldNotPrepareReply', r ? r.error : t('noAnswer')), true);
      return;
    }
    const { handledRequests } = await api.storage.local.get('handledRequests');
    const handled = handledRequests && typeof handledRequests === 'object' ? handledRequests : {};
    handled[id] = { at: Date.now(), template: s.template };
    await api.storage.local.set({ handledRequests: handled });
    say(t('openingConversation'));
    location.assign(threadURL(id));
  }

  // deliverPending inserts a reply that "Reply and decline" carried here.
  async function deliverPending() {
    const id = threadIdFromPath(location.pathname);
    if (!id) return;
    const r = await api.runtime.sendMessage({ type: 'content→sw:reply-pending-take', thread: id }).catch(() => null);
    if (!r || !r.text) return;
    const composer = await waitFor(() => {
      const conv = conversationOf(document.querySelector('[role="main"]'));
      const c = composerOf(conv);
      // Wait for the editor to take over the box when it shows that.
      return c && (c.hasAttribute('data-lexical-editor') || Date.now() - t0 > 3000) ? c : null;
    }, 20000);
    if (!composer) {
      notice(t('declineNoBox'));
      return;
    }
    let res;
    for (let i = 0; i < 5; i++) {
      res = await globalThis.BoundaryInsert.insertText(composer, r.text);
      // "not-handled" means nothing took the paste, so trying again cannot
      // insert twice; anything else is final.
      if (res.ok || res.reason !== 'not-handled') break;
      await new Promise((ok) => setTimeout(ok, 400));
    }
    notice(res.ok
      ? t('declineInserted')
      : t('notInserted', res.reason));
  }
  const t0 = Date.now();

  function waitFor(fn, timeout) {
    return new Promise((resolve) => {
      const found = fn();
      if (found) return resolve(found);
      const obs = new MutationObserver(() => {
        const f = fn();
        if (f) finish(f);
      });
      const timer = setInterval(() => {
        const f = fn();
        if (f) finish(f);
      }, 250);
      const stop = setTimeout(() => finish(null), timeout);
      function finish(v) {
        obs.disconnect();
        clearInterval(timer);
        clearTimeout(stop);
        resolve(v);
      }
      obs.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-lexical-editor'] });
    });
  }

  // notice shows a short message that does not take focus.
  function notice(text) {
    const host = document.createElement(HOST_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    root.adoptedStyleSheets = [styles()];
    const p = el('div', 'panel');
    p.setAttribute('role', 'status');
    const x = el('button', 'x', '×');
    x.type = 'button';
    x.setAttribute('aria-label', t('close'));
    x.addEventListener('click', () => host.remove());
    const head = el('div', 'head');
    head.append(el('div', '', text), x);
    p.append(head);
    root.append(p);
    (document.body || document.documentElement).append(host);
    place(host, null);
    setTimeout(() => host.remove(), 15000);
  }

  // --- the keyboard shortcut -------------------------------------------------

  function openForCurrent() {
    const conv = currentConversation();
    if (!conv) {
      notice(t('openConversationFirst'));
      return;
    }
    const item = Object.assign({ kind: 'thread', name: conv.name }, conv.threadId ? known.get(conv.threadId) : null, { conversation: conv });
    open(item, composerOf(conv));
  }

  api.runtime.onMessage.addListener((msg, sender) => {
    if (sender.id !== api.runtime.id || sender.tab) return false;
    if (msg && msg.type === 'sw→content:open-reply-panel') openForCurrent();
    return false;
  });

  globalThis.BoundaryPanel = {
    open: (item, anchor) => { open(item, anchor); },
    // note lets the Messenger banner tell the shortcut what it knows about
    // a thread (item.thread_id, item.category) without opening the panel.
    note(item) {
      if (item && item.thread_id) known.set(String(item.thread_id), item);
    },
    // known returns what was noted about a thread (drafts.js reads the
    // verdict from it).
    known: (threadId) => known.get(String(threadId)) || null,
    isOurs: (n) => n && n.nodeType === 1 && n.localName === HOST_TAG,
  };

  (globalThis.BoundaryFeatures ||= []).push({
    kinds: [],
    ready(c) {
      ctx = c;
      deliverPending().catch((e) => c.stats.errors.push(`reply panel: ${e && e.message}`));
    },
  });
})();
