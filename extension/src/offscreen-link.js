// How the service worker reaches the Go core. Chrome: the offscreen
// document, over runtime messages. Firefox has no offscreen API, but its
// background is an event page with a DOM, so there the core runs in the
// background page itself and the same messages are answered in-process
// (runtime.sendMessage never reaches the sender's own page).
import { start, answer } from './core-answer.js';

export const OFFSCREEN_URL = 'offscreen.html';

// inBackground is true where the background page hosts the core (Firefox).
export const inBackground = typeof chrome.offscreen === 'undefined';

// offscreenOpen reports whether the core's document exists: in Firefox the
// background page always does.
export async function offscreenOpen() {
  if (inBackground) return true;
  const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  return open.length > 0;
}

// toOffscreen sends one 'sw→offscreen:' message and resolves with the
// reply. In-process, the ping waits for the core to start.
export async function toOffscreen(msg) {
  if (!inBackground) return chrome.runtime.sendMessage(msg);
  if (msg.type === 'sw→offscreen:ping') {
    try {
      await start();
      return { ready: true };
    } catch (e) {
      return { ready: false, error: String(e && e.message) };
    }
  }
  return answer(msg);
}
