// Puts a reply into a message composer without sending it.
//
// Facebook and Messenger compose with Lexical, which keeps its own model of
// the text and reverts DOM edits it did not make. The one way in that works
// for empty and half-written messages, plain and rich setups, single and
// multiple lines (measured against the real editor, see PLATFORM.md) is a
// synthetic paste: Lexical reads text/plain from the event's DataTransfer,
// inserts it at the caret as one undo step, turns newlines into line breaks
// or paragraphs, and cancels the event.
//
// Nothing here sends: no key events are dispatched, Enter least of all.
// Nothing here writes markup either; the text travels only as clipboard
// data.
//
// A classic script (content scripts cannot be modules): it defines
// globalThis.BoundaryInsert = { insertText } in the isolated world.
'use strict';

globalThis.BoundaryInsert = (() => {
  // Composers this module has already written into. A composer that is new
  // to us gets a short pause after focus and caret placement, because
  // Lexical records its first state lazily: inserting at once would make the
  // reply part of the editor's first history entry, and Ctrl+Z would not
  // take it out.
  const touched = new WeakSet();
  const SETTLE_MS = 50;
  // How long to wait for an animation frame before reading back anyway
  // (frames do not run in a hidden tab).
  const FRAME_TIMEOUT_MS = 100;

  /**
   * Inserts text at the composer's caret, or at its end when the caret is
   * elsewhere, and checks that it landed.
   *
   * @param {Element} composerEl the contenteditable textbox
   * @param {string} text the reply; "\n" starts a new line
   * @returns {Promise<{ok: boolean, reason?: string}>} reason is one of
   *   "no-composer", "not-editable", "no-text", "not-handled" (nothing took
   *   the paste), "not-inserted" (the text is not in the composer afterwards)
   */
  async function insertText(composerEl, text) {
    if (!composerEl || !composerEl.isConnected) return {ok: false, reason: 'no-composer'};
    if (!composerEl.isContentEditable) return {ok: false, reason: 'not-editable'};
    if (typeof text !== 'string' || text.trim() === '') return {ok: false, reason: 'no-text'};

    const doc = composerEl.ownerDocument;
    const win = doc.defaultView;
    const before = squash(composerEl.textContent);

    const moved = placeCaret(composerEl, doc, win);
    if (moved || !touched.has(composerEl)) {
      await sleep(win, SETTLE_MS);
    }
    touched.add(composerEl);

    const data = new win.DataTransfer();
    data.setData('text/plain', text);
    const paste = new win.ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});
    let handled;
    if (paste.clipboardData && paste.clipboardData.getData('text/plain') === text) {
      handled = !composerEl.dispatchEvent(paste);
    } else {
      // Firefox gives a constructed paste event no clipboard data, so the
      // editor would paste nothing. There the text goes in as the browser's
      // own editing commands, which Lexical takes as input events: a line
      // at a time, newlines as new paragraphs. No key event is involved.
      handled = typeLines(doc, text);
    }

    // Lexical commits a microtask later; read back after that and a frame,
    // once. Never paste again on a failed check: a slow commit would then
    // land the text twice.
    await Promise.resolve();
    await nextFrame(win);

    if (!composerEl.isConnected) return {ok: false, reason: 'no-composer'};
    const want = squash(text);
    if (count(squash(composerEl.textContent), want) > count(before, want)) return {ok: true};
    return {ok: false, reason: handled ? 'not-inserted' : 'not-handled'};
  }

  // typeLines inserts text through execCommand, one line at a time, and
  // says whether the editor accepted every command.
  function typeLines(doc, text) {
    let ok = true;
    text.split('\n').forEach((line, i) => {
      if (i > 0) ok = doc.execCommand('insertParagraph') && ok;
      if (line !== '') ok = doc.execCommand('insertText', false, line) && ok;
    });
    return ok;
  }

  // placeCaret focuses the composer and keeps a caret the user left inside
  // it; otherwise it puts the caret at the end. It reports whether focus or
  // caret had to move.
  function placeCaret(el, doc, win) {
    const sel = win.getSelection();
    const inside = sel && sel.rangeCount > 0 && el.contains(sel.anchorNode) && el.contains(sel.focusNode);
    const saved = inside ? sel.getRangeAt(0).cloneRange() : null;
    const focused = doc.activeElement === el;
    if (focused && inside) return false;
    el.focus({preventScroll: true});
    // focus() may move the caret to the start; put the user's back, or go
    // to the end.
    let range = saved;
    if (!range) {
      range = doc.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
    }
    sel.removeAllRanges();
    sel.addRange(range);
    return true;
  }

  // squash drops all whitespace, so that the check does not depend on how
  // the editor renders line breaks and paragraphs.
  function squash(s) {
    return (s || '').replace(/\s+/g, '');
  }

  function count(haystack, needle) {
    if (!needle) return 0;
    let n = 0;
    for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
    return n;
  }

  function sleep(win, ms) {
    return new Promise((resolve) => win.setTimeout(resolve, ms));
  }

  function nextFrame(win) {
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          resolve();
        }
      };
      win.requestAnimationFrame(finish);
      win.setTimeout(finish, FRAME_TIMEOUT_MS);
    });
  }

  return { insertText };
})();
