// Testbed composer: a Messenger-like message box built on the real Lexical
// editor from npm, so that reply insertion is tested against the editor
// Facebook and Messenger use rather than an imitation of it.
//
// It mounts on every div[contenteditable=true][role=textbox] in the page,
// now and later. data-setup="rich" picks the rich-text setup; anything else
// gets plain text. Both have undo history. Enter sends, as in Messenger:
// the text is appended to the conversation and to window.__sent, and the
// box is cleared. Shift+Enter inserts a line break. On the testbed's
// Messenger pages the page script (messenger.js) has its own Enter-to-send
// for plain contenteditables; a window-level capture listener here runs
// first and sends from the editor's state instead, so there is one send
// path, and it announces the send with the same "testbed:sent" event.
//
// window.__keys records key events aimed at a composer: every synthetic
// one (isTrusted false, which no user can produce) and every Enter, so a
// test can prove an extension never pressed a key.
//
// Tests drive it through window.__composer (the last focused box, else the
// first) and window.__composers (all of them, in mount order):
//
//   text()           the editor state's text (Lexical's getTextContent)
//   domText()        the element's textContent, for comparison
//   state()          the editor state as JSON
//   forceRerender()  throw the DOM away and rebuild it from the state
//   undo(), redo()   the history commands
//   canUndo(), canRedo()
//   setup            "plain" or "rich"
//
// This file is test scaffolding: it is bundled into out/testbed-static and
// never ships in the extension.

import {
  $createParagraphNode,
  $getRoot,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  CLEAR_HISTORY_COMMAND,
  COMMAND_PRIORITY_HIGH,
  COMMAND_PRIORITY_LOW,
  KEY_ENTER_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  createEditor,
} from 'lexical';
import {registerPlainText} from '@lexical/plain-text';
import {HeadingNode, QuoteNode, registerRichText} from '@lexical/rich-text';
import {createEmptyHistoryState, registerHistory} from '@lexical/history';
import {mergeRegister} from '@lexical/utils';

const SELECTOR = 'div[contenteditable="true"][role="textbox"]';
// Messenger merges keystrokes typed within about this many milliseconds
// into one undo step; the exact figure matters little for the tests.
const HISTORY_DELAY_MS = 300;

const mounted = new WeakSet();
const byElement = new Map();
const composers = [];
window.__sent = window.__sent || [];
window.__keys = window.__keys || {synthetic: [], enter: 0};

function conversationLog(el) {
  const scope = el.closest('[data-thread], [role="dialog"], [role="main"]');
  if (scope) {
    const grids = scope.querySelectorAll('[role="grid"]');
    if (grids.length) return grids[grids.length - 1];
  }
  return document.querySelector('[role="main"] [role="grid"]') || document.querySelector('[role="grid"]');
}

function appendBubble(el, text) {
  const log = conversationLog(el);
  if (!log) return;
  const row = document.createElement('div');
  row.setAttribute('role', 'row');
  const cell = document.createElement('div');
  cell.setAttribute('role', 'gridcell');
  cell.className = 'bubble outgoing';
  // textContent only: the testbed must not be an HTML sink either.
  cell.textContent = text;
  row.append(cell);
  log.append(row);
}

function mount(el) {
  if (mounted.has(el)) return;
  mounted.add(el);
  const setup = el.dataset.setup === 'rich' ? 'rich' : 'plain';
  const editor = createEditor({
    namespace: 'testbed-composer-' + setup,
    nodes: setup === 'rich' ? [HeadingNode, QuoteNode] : [],
    theme: {paragraph: 'composer-paragraph'},
    onError(error) {
      console.error('testbed composer:', error);
    },
  });
  editor.setRootElement(el);

  let canUndo = false;
  let canRedo = false;
  const text = () => editor.getEditorState().read(() => $getRoot().getTextContent());

  function send() {
    const message = text();
    if (message.trim() === '') return;
    window.__sent.push({text: message, setup, at: Date.now()});
    appendBubble(el, message);
    window.dispatchEvent(new CustomEvent('testbed:sent', {detail: {text: message}}));
    editor.update(
      () => {
        const root = $getRoot();
        root.clear();
        root.append($createParagraphNode());
        root.selectStart();
      },
      {discrete: true},
    );
    // A sent message is gone from the box for good, as in Messenger.
    editor.dispatchCommand(CLEAR_HISTORY_COMMAND, undefined);
  }

  mergeRegister(
    setup === 'rich' ? registerRichText(editor) : registerPlainText(editor),
    registerHistory(editor, createEmptyHistoryState(), HISTORY_DELAY_MS),
    editor.registerCommand(
      KEY_ENTER_COMMAND,
      (event) => {
        // Shift+Enter falls through to the setup's own line break.
        if (event && event.shiftKey) return false;
        if (event) event.preventDefault();
        send();
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    ),
    editor.registerCommand(CAN_UNDO_COMMAND, (v) => ((canUndo = v), false), COMMAND_PRIORITY_LOW),
    editor.registerCommand(CAN_REDO_COMMAND, (v) => ((canRedo = v), false), COMMAND_PRIORITY_LOW),
  );

  const api = {
    setup,
    element: el,
    text,
    domText: () => el.textContent,
    state: () => editor.getEditorState().toJSON(),
    forceRerender() {
      // Detach, drop every DOM node the editor made, and attach again:
      // Lexical then builds the DOM from its state alone.
      editor.setRootElement(null);
      el.replaceChildren();
      editor.setRootElement(el);
    },
    undo: () => editor.dispatchCommand(UNDO_COMMAND, undefined),
    redo: () => editor.dispatchCommand(REDO_COMMAND, undefined),
    canUndo: () => canUndo,
    canRedo: () => canRedo,
  };
  composers.push(api);
  byElement.set(el, {api, send});
  if (!window.__composer) window.__composer = api;
  el.addEventListener('focusin', () => {
    window.__composer = api;
  });
}

function composerOf(target) {
  const el = target instanceof Element ? target.closest(SELECTOR) : null;
  return el ? byElement.get(el) : null;
}

// One send path: Enter in a mounted composer sends from the editor state
// before any page script sees the key.
function onKeyDown(e) {
  const c = composerOf(e.target);
  if (!c) return;
  if (!e.isTrusted) window.__keys.synthetic.push({type: e.type, key: e.key});
  if (e.key !== 'Enter') return;
  window.__keys.enter++;
  if (e.shiftKey || e.isComposing) return;
  e.preventDefault();
  e.stopImmediatePropagation();
  c.send();
}

function onOtherKey(e) {
  if (!e.isTrusted && composerOf(e.target)) window.__keys.synthetic.push({type: e.type, key: e.key});
}

function mountAll(root) {
  if (root.matches && root.matches(SELECTOR)) mount(root);
  if (root.querySelectorAll) root.querySelectorAll(SELECTOR).forEach(mount);
}

window.__composers = composers;

function start() {
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('keypress', onOtherKey, true);
  window.addEventListener('keyup', onOtherKey, true);
  mountAll(document);
  // Messenger renders composers as threads open; mount those too.
  new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach((n) => n.nodeType === 1 && mountAll(n));
  }).observe(document.documentElement, {childList: true, subtree: true});
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, {once: true});
} else {
  start();
}
