// Boundary's in-page drawing. Everything here turns decisions the Go core
// made into DOM: badges inside closed shadow roots, text only. Page-derived
// strings reach the DOM through textContent and nothing else.
'use strict';

globalThis.BoundaryUI = (() => {
  const HOST_TAG = 'boundary-badge';
  const BANNER_TAG = 'boundary-banner';
  const I18n = globalThis.BoundaryI18n;
  const hosts = new WeakMap(); // anchor element → badge host
  const banners = new WeakMap(); // anchor element → banner host

  let sheet = null;
  function styles() {
    if (sheet) return sheet;
    // A constructed sheet, not a <style> element: the page's CSP governs
    // <style> even inside our shadow root, and strict pages forbid it.
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      :host { all: initial; display: inline-block; vertical-align: middle; margin: 2px 6px; }
      .pill { font: 600 12px/1.4 system-ui, sans-serif; color: #fff; background: #b3261e;
              border-radius: 10px; padding: 1px 8px; cursor: pointer; border: 0; }
      .pill:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
      .why { display: none; font: 12px/1.4 system-ui, sans-serif; color: #1c1b1f; background: #fff8f6;
             border: 1px solid #b3261e; border-radius: 8px; padding: 6px 8px; margin-top: 4px;
             max-width: 320px; white-space: normal; }
      :host([open]) .why { display: block; }
      ul { margin: 4px 0 0; padding-left: 16px; }
      .act { font: 600 12px/1.4 system-ui, sans-serif; margin-top: 6px; padding: 2px 10px; border-radius: 8px;
             border: 1px solid #1d4ed8; background: #fff; color: #1d4ed8; cursor: pointer; }
      .pill.cat-emergency { background: #b3261e; }
      .pill.cat-medical_question { background: #a14a00; }
      .pill.cat-appointment_admin { background: #1d4ed8; }
      .pill.cat-complaint { background: #6d28d9; }
      .pill.cat-sensitive_info { background: #0f766e; }
      .pill.cat-personal { background: #5f6368; font-weight: 500; }
      .banner { display: block; font: 13px/1.45 system-ui, sans-serif; color: #1c1b1f; background: #f3f6fc;
                border-left: 4px solid #1d4ed8; padding: 8px 12px; margin: 6px 8px; border-radius: 6px; }
      .banner.cat-emergency { background: #fdecea; border-left-color: #b3261e; }
      .banner.cat-medical_question { border-left-color: #a14a00; }
      .banner.cat-complaint { border-left-color: #6d28d9; }
      .banner.cat-sensitive_info { border-left-color: #0f766e; }
      .banner h2 { font: 700 14px/1.4 system-ui, sans-serif; margin: 0; }
      .banner .note { font-weight: 700; color: #8c1d18; margin: 4px 0 0; }
      .banner ul { margin: 4px 0 0; padding-left: 18px; }
    `);
    return sheet;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // threadIdFromPath reads the thread id from /messages/t/<id>/,
  // /messages/e2ee/t/<id>/ and messenger.com's /t/<id>/ and /e2ee/t/<id>/.
  function threadIdFromPath(pathname) {
    const m = /^(?:\/messages)?(?:\/e2ee)?\/t\/([^/?#]+)\/?$/.exec(pathname || '');
    return m ? decodeURIComponent(m[1]) : '';
  }

  // badge draws or refreshes the "Likely patient" badge next to anchor.
  function badge(anchor, item) {
    if (!anchor || !anchor.isConnected) return null;
    let host = hosts.get(anchor);
    if (!host || !host.isConnected) {
      host = document.createElement(HOST_TAG);
      const root = host.attachShadow({ mode: 'closed' });
      root.adoptedStyleSheets = [styles()];
      const pill = el('button', 'pill', I18n.t('likelyPatient'));
      pill.type = 'button';
      const why = el('div', 'why');
      why.setAttribute('role', 'note');
      pill.addEventListener('click', (ev) => {
        ev.preventDefault();
        ev.stopPropagation();
        host.toggleAttribute('open');
        pill.setAttribute('aria-expanded', host.hasAttribute('open') ? 'true' : 'false');
      });
      root.append(pill, why);
      host.__parts = { pill, why };
      // Beside the name, not inside a link: a badge inside <a> would
      // navigate on click.
      if (anchor.tagName === 'A' || anchor.closest('a')) (anchor.closest('a') || anchor).after(host);
      else anchor.append(host);
      hosts.set(anchor, host);
    }
    const { pill, why } = host.__parts;
    const summary = I18n.summary(item);
    pill.setAttribute('aria-label', summary);
    pill.setAttribute('aria-expanded', 'false');
    pill.title = summary;
    why.replaceChildren(el('strong', '', summary));
    const reasons = I18n.reasons(item);
    if (reasons.length > 0) {
      const ul = el('ul');
      for (const r of reasons) ul.append(el('li', '', r));
      why.append(ul);
    }
    why.append(...actions(item, anchor));
    return host;
  }

  // rowBadge draws or refreshes the category pill of a conversation row:
  // colour and text from the core's category, the reasons as the pill's
  // accessible description and in the pop-out.
  function rowBadge(anchor, item) {
    const host = badge(anchor, item);
    if (!host) return null;
    const { pill } = host.__parts;
    pill.className = `pill cat-${safeClass(item.category)}`;
    const label = I18n.category(item.category);
    pill.textContent = item.category === 'emergency' ? `\u26A0 ${label}` : label;
    const why = I18n.reasons(item).slice(0, 3).join('; ');
    pill.setAttribute('aria-label', `${I18n.t('boundaryLabel', I18n.summary(item))}${why ? `. ${why}` : ''}`);
    return host;
  }

  // banner draws or refreshes the note above an open conversation: the
  // category, the reasons and, for an emergency, a prominent instruction.
  // It offers the same actions as badges, so the reply panel can hook in.
  function banner(anchor, item) {
    if (!anchor || !anchor.isConnected) return null;
    let host = banners.get(anchor);
    if (!host || !host.isConnected) {
      host = document.createElement(BANNER_TAG);
      const root = host.attachShadow({ mode: 'closed' });
      root.adoptedStyleSheets = [styles()];
      const box = el('section', 'banner');
      root.append(box);
      host.__box = box;
      anchor.before(host);
      banners.set(anchor, host);
    }
    const box = host.__box;
    const emergency = item.category === 'emergency';
    box.className = `banner cat-${safeClass(item.category)}`;
    // An emergency interrupts a screen reader; anything else waits.
    box.setAttribute('role', emergency ? 'alert' : 'status');
    const heading = I18n.t('boundaryLabel', I18n.summary(item));
    box.setAttribute('aria-label', heading);
    const parts = [el('h2', '', heading)];
    if (emergency) {
      parts.push(el('p', 'note', I18n.t('emergencyNote')));
    }
    const reasons = I18n.reasons(item);
    if (reasons.length > 0) {
      const ul = el('ul');
      for (const r of reasons) ul.append(el('li', '', r));
      parts.push(ul);
    }
    box.replaceChildren(...parts, ...actions(item, anchor));
    return host;
  }

  function safeClass(c) {
    return /^[a-z_]+$/.test(String(c)) ? c : 'personal';
  }

  // actions returns the buttons a badge or banner offers for item. The
  // reply panel (features/panel.js) defines globalThis.BoundaryPanel; without
  // it there are none.
  function actions(item, anchor) {
    const panel = globalThis.BoundaryPanel;
    if (!panel || typeof panel.open !== 'function') return [];
    const b = el('button', 'act', I18n.t('suggestReply'));
    b.type = 'button';
    b.addEventListener('click', (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      panel.open(item, anchor);
    });
    return [b];
  }

  // drawn reports whether anchor already carries a live badge.
  function drawn(anchor) {
    const h = hosts.get(anchor);
    return !!h && h.isConnected;
  }

  function isOurs(node) {
    return node.nodeType === 1 && (node.localName === HOST_TAG || node.localName === BANNER_TAG);
  }

  return { badge, rowBadge, banner, drawn, isOurs, actions, el, styles, threadIdFromPath, HOST_TAG, BANNER_TAG };
})();
