// Service-worker part of the reply panel and keyboard shortcut (issue 6).
// handlers: named messages this module answers, merged into sw.js's
// dispatcher ({ accept(sender), run(msg, sender) }).
export const handlers = {};

// start runs once when the service worker starts.
export function start() {}
