// Service-worker part of the reply panel (issue 6): the keyboard shortcut,
// and the reply a "Reply and decline" carries across the navigation to the
// requester's conversation.
//
// The pending reply lives in chrome.storage.session (memory only, gone when
// the browser closes), keyed by tab and thread, and only the content script
// in that same tab can take it, once. Content scripts cannot read
// storage.session themselves, which is why this goes through the worker.

const PENDING_KEY = 'pendingReplies';
const PENDING_TTL_MS = 2 * 60 * 1000;
const THREAD_ID = /^[0-9A-Za-z._-]{1,64}$/;

let contentScript = () => false;

async function pending() {
  const { [PENDING_KEY]: all } = await chrome.storage.session.get(PENDING_KEY);
  const now = Date.now();
  const out = {};
  for (const [k, v] of Object.entries(all || {})) if (v && now - v.at < PENDING_TTL_MS) out[k] = v;
  return out;
}

export const handlers = {
  // The panel stores the decline text before it navigates.
  'content→sw:reply-pending-set': {
    accept: (sender) => contentScript(sender),
    async run(msg, sender) {
      if (typeof msg.thread !== 'string' || !THREAD_ID.test(msg.thread) || typeof msg.text !== 'string'
        || msg.text.length === 0 || msg.text.length > 5000) {
        return { error: 'bad reply-pending-set message' };
      }
      const all = await pending();
      all[`${sender.tab.id}:${msg.thread}`] = { text: msg.text, at: Date.now() };
      await chrome.storage.session.set({ [PENDING_KEY]: all });
      return { ok: true };
    },
  },
  // The content script of the conversation takes it, once.
  'content→sw:reply-pending-take': {
    accept: (sender) => contentScript(sender),
    async run(msg, sender) {
      if (typeof msg.thread !== 'string' || !THREAD_ID.test(msg.thread)) return { error: 'bad reply-pending-take message' };
      const all = await pending();
      const key = `${sender.tab.id}:${msg.thread}`;
      const hit = all[key];
      delete all[key];
      await chrome.storage.session.set({ [PENDING_KEY]: all });
      return { text: hit ? hit.text : '' };
    },
  },
  // The panel's "Open settings" when there is no clinic profile yet;
  // content scripts cannot open extension pages themselves.
  'content→sw:open-options': {
    accept: (sender) => contentScript(sender),
    async run() {
      await chrome.runtime.openOptionsPage();
      return { ok: true };
    },
  },
};

// openPanel asks the content script of the tab to open the panel for the
// conversation on screen. The tab id comes with the command; no "tabs"
// permission is needed for it.
async function openPanel(tab) {
  let id = tab && tab.id;
  if (id === undefined) {
    const [active] = await chrome.tabs.query({ active: true, currentWindow: true });
    id = active && active.id;
  }
  if (id === undefined) return;
  await chrome.tabs.sendMessage(id, { type: 'sw→content:open-reply-panel' }).catch(() => {
    // Not a Facebook or Messenger tab: there is no content script to ask.
  });
}

export function start(ctx) {
  contentScript = ctx.contentScript;
  if (chrome.commands && chrome.commands.onCommand) {
    chrome.commands.onCommand.addListener((command, tab) => {
      if (command === 'open-reply-panel') openPanel(tab);
    });
  }
}
