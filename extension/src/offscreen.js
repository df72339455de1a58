// The offscreen document runs the same Go core as the content script, for
// pages whose CSP forbids WebAssembly. It answers only the service worker.
import { loadCore } from './load-core.js';

const started = loadCore();

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

let isReady = false;
started.then(() => { isReady = true; });

const fromWorker = (sender) => sender.id === chrome.runtime.id && !sender.tab
  && typeof sender.url === 'string' && sender.url.startsWith(chrome.runtime.getURL(''));

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg.type !== 'string' || !msg.type.startsWith('sw→offscreen:') || !fromWorker(sender)) return false;
  if (msg.type === 'sw→offscreen:ping') {
    sendResponse({ ready: isReady });
    return false;
  }
  started.then((core) => {
    switch (msg.type) {
      case 'sw→offscreen:set-patients': {
        const err = core.setPatients(typeof msg.stored === 'string' ? msg.stored : '');
        sendResponse(err ? { error: err } : { ok: true });
        break;
      }
      case 'sw→offscreen:scan-html':
        sendResponse({ json: core.scanHTML(msg.url, msg.markup) });
        break;
      case 'sw→offscreen:call':
        if (!CALLABLE.has(msg.name) || typeof core[msg.name] !== 'function') {
          sendResponse({ error: `not callable: ${msg.name}` });
        } else {
          sendResponse({ result: core[msg.name](...msg.args) });
        }
        break;
      default:
        sendResponse({ error: `unknown message ${msg.type}` });
    }
  }, (e) => sendResponse({ error: String(e && e.message) }));
  return true;
});
