// The sentence the settings page and the popup show about the clinic policy
// sync, in the browser's language: {text, failing}. It reads only what the
// service worker stored (sw-policy.js) and touches no chrome API but i18n.
// The error itself is the service worker's: pol.lastError in English and
// pol.lastErrorWhy as a key with arguments, which the catalogue words.
const { t, keyed } = globalThis.BoundaryI18n;

export function describeSync(conn, pol, now = Date.now()) {
  if (!conn) return { text: t('sync_notConnected'), failing: false };
  const ago = (iso) => {
    const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
    if (s < 60) return t('sync_justNow');
    if (s < 3600) return t('sync_minAgo', Math.round(s / 60));
    if (s < 86400) return t('sync_hoursAgo', Math.round(s / 3600));
    return new Date(iso).toLocaleString();
  };
  const name = pol && pol.pack && pol.pack.profile && pol.pack.profile.clinic_name;
  const who = name ? `${name} (${conn.clinic})` : conn.clinic;
  if (!pol || !pol.lastAttempt) return { text: t('sync_pending', who), failing: false };
  if (pol.lastError) {
    const err = keyed(pol.lastErrorWhy, pol.lastError);
    const text = pol.pack && pol.syncedAt ? t('sync_failingKept', err, ago(pol.syncedAt)) : t('sync_failingNone', err);
    return { text, failing: true };
  }
  return { text: t('sync_ok', who, ago(pol.syncedAt)), failing: false };
}
