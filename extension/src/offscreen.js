// The offscreen document runs the same Go core as the content script, for
// pages whose CSP forbids WebAssembly. It answers only the service worker.
import { start, isReady, answer } from './core-answer.js';

start();

const fromWorker = (sender) => sender.id === chrome.runtime.id && !sender.tab
  && typeof sender.url === 'string' && sender.url.startsWith(chrome.runtime.getURL(''));

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg.type !== 'string' || !msg.type.startsWith('sw→offscreen:') || !fromWorker(sender)) return false;
  if (msg.type === 'sw→offscreen:ping') {
    sendResponse({ ready: isReady() });
    return false;
  }
  answer(msg).then(sendResponse);
  return true;
});
