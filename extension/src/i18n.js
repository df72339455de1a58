// BoundaryI18n: the wording Boundary draws into the site's pages and on its
// own pages, in the browser's language (extension/_locales: en, de; English
// otherwise).
// t(key, ...subs) returns plain text; callers put it into the DOM with
// textContent only, so a substitution taken from a page stays text.
'use strict';

globalThis.BoundaryI18n = (() => {
  const api = globalThis.browser ?? globalThis.chrome;

  function t(key, ...subs) {
    const s = api.i18n.getMessage(key, subs.map((x) => String(x)));
    // A key missing from the catalogue shows as itself, never as nothing;
    // the catalogue test keeps that from shipping.
    return s || key;
  }

  // category is the badge wording of a triage category.
  function category(c) {
    return /^[a-z_]+$/.test(String(c)) ? t(`cat_${c}`) : String(c);
  }

  // summary is the one line a badge or banner states about a core item.
  function summary(item) {
    if (item.kind === 'thread' || item.kind === 'message') {
      const s = category(item.category);
      return item.match ? `${s} · ${t('patientMatch', item.match)}` : s;
    }
    const r = reasons(item);
    if (r.length === 0) return t('likelyPatient');
    return `${t('likelyPatient')}: ${r[0]}${r.length > 1 ? ` (${r.slice(1).join('; ')})` : ''}`;
  }

  // reasons are a core item's reasons in the browser's language: the core
  // sends each as English (item.reasons) and as a key with arguments
  // (item.why, same order); the catalogue words the key, and a key it lacks
  // keeps the English. Arguments (the message's words, names) go in as
  // written, and the result is text for textContent.
  function reasons(item) {
    const en = Array.isArray(item.reasons) ? item.reasons : [];
    const why = Array.isArray(item.why) ? item.why : [];
    return en.map((s, i) => {
      const w = why[i];
      if (!w || typeof w.key !== 'string' || !/^why_[a-z0-9_]+$/.test(w.key)) return String(s);
      const args = Array.isArray(w.args) ? w.args.map((x) => String(x)) : [];
      return api.i18n.getMessage(w.key, args) || String(s);
    });
  }

  // keyed words a message given as a key with arguments ({key, args}:
  // the core's field, import and audit messages, the policy sync's errors)
  // beside its English: the catalogue's wording when it has the key, else
  // the English. Arguments (values the user typed, file contents, server
  // replies) go in as written, and the result is text for textContent.
  const KEYED = /^(why|msg)_[a-z0-9_]+$|^syncErr_[A-Za-z0-9]+$/;
  function keyed(w, english) {
    const en = english == null ? '' : String(english);
    if (!w || typeof w !== 'object' || typeof w.key !== 'string' || !KEYED.test(w.key)) return en;
    const args = Array.isArray(w.args) ? w.args.map((x) => String(x)) : [];
    return api.i18n.getMessage(w.key, args) || en;
  }

  // pieces words a text the core gives as keyed pieces that join into one
  // line (an audit finding's detail_why); a piece without a key is its one
  // argument as written. Any piece the catalogue cannot word, or no pieces,
  // gives the English whole.
  function pieces(list, english) {
    const en = english == null ? '' : String(english);
    if (!Array.isArray(list) || list.length === 0) return en;
    let out = '';
    for (const w of list) {
      if (w && w.key === '' && Array.isArray(w.args) && w.args.length === 1) {
        out += String(w.args[0]);
        continue;
      }
      const s = keyed(w, null);
      if (!s) return en;
      out += s;
    }
    return out;
  }

  // lang is the language of the catalogue in use ("en", "de"), which is
  // not always the browser's: a browser in French reads the English one.
  function lang() {
    return t('htmlLang');
  }

  // said is a field of a rule pack's item (an audit check's message or
  // explanation) in the catalogue's language: the item's own
  // translations[lang][field] when it has one, else its English.
  function said(item, field) {
    const tr = item && item.translations && typeof item.translations === 'object' ? item.translations[lang()] : null;
    return tr && typeof tr[field] === 'string' && tr[field] !== '' ? tr[field] : item[field];
  }

  // fill words one of the extension's own pages (popup, settings, report,
  // handout) from its markup: data-i18n="key" sets an element's text, and
  // data-i18n-attr="aria-label:key placeholder:key" sets those attributes.
  // Text only, never markup. Content scripts never call it: a site's page
  // could carry such attributes too.
  const FILLABLE = new Set(['aria-label', 'title', 'placeholder']);
  function fill(doc = document) {
    for (const e of doc.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
    for (const e of doc.querySelectorAll('[data-i18n-attr]')) {
      for (const pair of e.dataset.i18nAttr.split(/\s+/)) {
        const [attr, key] = pair.split(':');
        if (FILLABLE.has(attr) && key) e.setAttribute(attr, t(key));
      }
    }
    doc.documentElement.lang = lang();
  }

  return { t, category, summary, reasons, keyed, pieces, lang, said, fill };
})();
