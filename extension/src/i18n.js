// BoundaryI18n: the wording Boundary draws into the site's pages, in the
// browser's language (extension/_locales: en, de; English otherwise).
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
    const r = item.reasons || [];
    if (r.length === 0) return t('likelyPatient');
    return `${t('likelyPatient')}: ${r[0]}${r.length > 1 ? ` (${r.slice(1).join('; ')})` : ''}`;
  }

  return { t, category, summary };
})();
