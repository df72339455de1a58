// The Go core that answers the service worker's 'sw→offscreen:' messages:
// in Chrome inside the offscreen document (offscreen.js), in Firefox inside
// the background page itself (offscreen-link.js), which has a DOM of its
// own and no offscreen API.
import { loadCore } from './load-core.js';

// CALLABLE lists the boundaryCore functions content scripts may reach
// through 'content→sw:core-call' on strict-CSP pages. All take and return
// strings. Features add their names here.
const CALLABLE = new Set([
  'setClinic', // clinic hours for triage (content.js)
  'suggest', 'draftCheck', // reply panel and draft checks (features/panel.js, drafts.js)
  'auditReadHTML', 'auditPages', 'auditMerge', // privacy audit (features/audit.js, sw-audit.js)
  'policyValidate', // sw-policy.js checks every clinic policy it receives
  'contextSelector', // content.js's strict-CSP scan sends a new bubble with its conversation
]);

let started = null;
let ready = false;

// start loads the core once; it is not loaded until something needs it.
export function start() {
  if (!started) {
    started = loadCore();
    started.then(() => { ready = true; }, () => {});
  }
  return started;
}

export const isReady = () => ready;

// answer handles one 'sw→offscreen:' message other than the ping and
// resolves with the reply object.
export async function answer(msg) {
  let core;
  try {
    core = await start();
  } catch (e) {
    return { error: String(e && e.message) };
  }
  switch (msg.type) {
    case 'sw→offscreen:set-patients': {
      const err = core.setPatients(typeof msg.stored === 'string' ? msg.stored : '');
      return err ? { error: err } : { ok: true };
    }
    case 'sw→offscreen:scan-html':
      return { json: core.scanHTML(msg.url, msg.markup) };
    case 'sw→offscreen:call':
      if (!CALLABLE.has(msg.name) || typeof core[msg.name] !== 'function') return { error: `not callable: ${msg.name}` };
      return { result: core[msg.name](...msg.args) };
    default:
      return { error: `unknown message ${msg.type}` };
  }
}
