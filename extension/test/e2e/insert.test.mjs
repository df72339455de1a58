// Real-browser proof that extension/src/insert.js puts a reply into a
// Lexical composer without sending it. The composer is the testbed's
// (extension/test/composer), built from the real lexical packages; the
// browser is Chromium, headless.
//
// insert.js runs the way a content script does: in an isolated world
// created over CDP, which shares the DOM with the page but none of its
// JavaScript. A second pass runs it in the page's own world. Each scenario
// runs TRIALS times (default 3) per setup (plain, rich) and world, each
// time on a fresh page.
//
//   cd extension && node --test test/e2e/insert.test.mjs
//   TRIALS=20 node --test test/e2e/insert.test.mjs

import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {readFileSync} from 'node:fs';
import {chromium} from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const extDir = path.resolve(here, '../..');
const repo = path.resolve(extDir, '..');
const composerJs = path.join(repo, 'out/testbed-static/composer.js');
const TRIALS = Number(process.env.TRIALS || 3);
const SETUPS = ['plain', 'rich'];
const WORLDS = ['isolated', 'main'];
const COMPOSER = 'div[role="textbox"][aria-label="Message"]';

let browser;
let context;
let insertBundle;
const tally = new Map(); // "scenario/setup/world" -> passed trials

before(async () => {
  execFileSync('bash', [path.join(repo, 'scripts/build-testbed-composer')], {stdio: 'inherit'});
  // insert.js is a classic content script that defines BoundaryInsert.
  insertBundle = `${readFileSync(path.join(extDir, 'src/insert.js'), 'utf8')}\nvar __boundaryInsert = globalThis.BoundaryInsert;`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  context = await browser.newContext();
});

after(async () => {
  await browser?.close();
  const lines = [...tally].map(([k, n]) => `  ${k}: ${n} trials passed`);
  const total = [...tally.values()].reduce((a, b) => a + b, 0);
  console.log(`insert.js E2E (${TRIALS} trials per scenario, setup and world):\n${lines.join('\n')}\n  total: ${total}`);
});

function pageHTML(setup) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Messenger testbed</title></head>
<body>
<div role="main"><div role="grid" aria-label="Messages"></div></div>
<div contenteditable="true" role="textbox" aria-label="Message" data-setup="${setup}" spellcheck="true"></div>
<div contenteditable="true" aria-label="Not a composer" id="plain-editable"></div>
<button id="panel" type="button">Boundary</button>
</body></html>`;
}

async function openComposer(setup) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => m.type() === 'error' && errors.push(new Error(m.text())));
  await page.setContent(pageHTML(setup));
  await page.addScriptTag({path: composerJs});
  await page.waitForFunction(() => window.__composer && document.querySelector('[data-lexical-editor]'));
  page.errors = errors;
  return page;
}

// insert runs insert.js against the composer in the given world.
async function insert(page, world, text, selector = COMPOSER) {
  const call = `__boundaryInsert.insertText(document.querySelector(${JSON.stringify(selector)}), ${JSON.stringify(text)})`;
  if (world === 'main') {
    await page.addScriptTag({content: insertBundle});
    return page.evaluate(call);
  }
  const cdp = await page.context().newCDPSession(page);
  const {frameTree} = await cdp.send('Page.getFrameTree');
  const {executionContextId} = await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'boundary-content-script',
  });
  // The isolated world sees the DOM but not the page's JavaScript.
  const probe = await cdp.send('Runtime.evaluate', {
    contextId: executionContextId,
    expression: 'typeof window.__composer + "/" + !!document.querySelector("[data-lexical-editor]")',
    returnByValue: true,
  });
  assert.equal(probe.result.value, 'undefined/true', 'isolated world must not see the page globals');
  const {result, exceptionDetails} = await cdp.send('Runtime.evaluate', {
    contextId: executionContextId,
    expression: `${insertBundle}\n;${call}`,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description || exceptionDetails.text);
  return result.value;
}

const state = (page) =>
  page.evaluate(() => ({
    text: window.__composer.text(),
    dom: window.__composer.domText(),
    canUndo: window.__composer.canUndo(),
    sent: window.__sent.length,
    bubbles: document.querySelectorAll('[role="grid"] [role="row"]').length,
  }));

const squash = (s) => s.replace(/\s+/g, '');

// expected is the editor's text after inserting lines: plain text keeps
// "\n" as line breaks inside one paragraph; rich text makes paragraphs,
// which Lexical's getTextContent joins with a blank line.
const expected = (setup, text) => (setup === 'rich' ? text.split('\n').join('\n\n') : text);

async function undo(page) {
  await page.keyboard.press('Control+KeyZ');
  await page.evaluate(() => new Promise(requestAnimationFrame));
}

async function redo(page) {
  await page.keyboard.press('Control+Shift+KeyZ');
  await page.evaluate(() => new Promise(requestAnimationFrame));
}

// checkAfterInsert proves the common properties: state and DOM agree, the
// text survives a re-render from state, one Ctrl+Z removes exactly the
// insertion, Ctrl+Shift+Z brings it back, and nothing was sent.
async function checkAfterInsert(page, want, beforeText) {
  let s = await state(page);
  assert.equal(s.text, want, 'Lexical state after insertion');
  assert.equal(squash(s.dom), squash(want), 'DOM after insertion');

  await undo(page);
  s = await state(page);
  assert.equal(s.text, beforeText, 'one Ctrl+Z removes the insertion');
  await redo(page);
  s = await state(page);
  assert.equal(s.text, want, 'Ctrl+Shift+Z redoes it');

  await page.evaluate(() => {
    for (const el of window.__composer.element.querySelectorAll('*')) el.dataset.old = '1';
    window.__composer.forceRerender();
  });
  s = await state(page);
  assert.equal(s.text, want, 'state after re-render');
  assert.equal(squash(s.dom), squash(want), 'DOM rebuilt from state');
  assert.equal(await page.locator(`${COMPOSER} [data-old]`).count(), 0, 'every DOM node was rebuilt');

  assert.equal(s.sent, 0, 'nothing was sent');
  assert.equal(s.bubbles, 0, 'no message bubble appeared');
  assert.deepEqual(page.errors, [], 'no page errors');
}

const REPLY = "Thanks for your message. I don't answer work questions here; please call the practice on 020 7946 0321.";
const MULTI = 'Hi Sam,\n\nThanks for getting in touch.\nPlease call 020 7946 0321.\n\nBest wishes,\nDr Amara Okafor';
const EMOJI = 'Thanks 👍🏽 see you soon 👨‍👩‍👧 🇩🇪 ✨ – Grüße';

const scenarios = {
  // A composer nobody has touched: no focus, no caret, no history yet.
  async empty(page, setup, world) {
    const r = await insert(page, world, REPLY);
    assert.deepEqual(r, {ok: true});
    await checkAfterInsert(page, REPLY, '');
    assert.equal((await state(page)).canUndo, true);
  },

  // The user typed, then put the caret mid-text: the reply goes there.
  async midtext(page, setup, world) {
    await page.click(COMPOSER);
    await page.keyboard.type('Hello world');
    await page.keyboard.press('Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    const r = await insert(page, world, ', thanks');
    assert.deepEqual(r, {ok: true});
    await checkAfterInsert(page, 'Hello, thanks world', 'Hello world');
  },

  // The same, after the user clicked a button in the Boundary panel: the
  // caret they left in the composer is kept.
  async 'midtext-after-panel-click'(page, setup, world) {
    await page.click(COMPOSER);
    await page.keyboard.type('Hello world');
    await page.keyboard.press('Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.click('#panel');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'panel');
    const r = await insert(page, world, ', thanks');
    assert.deepEqual(r, {ok: true});
    await checkAfterInsert(page, 'Hello, thanks world', 'Hello world');
  },

  // Several lines, blank ones included, into an empty composer.
  async multiline(page, setup, world) {
    const r = await insert(page, world, MULTI);
    assert.deepEqual(r, {ok: true});
    await checkAfterInsert(page, expected(setup, MULTI), '');
    const json = await page.evaluate(() => window.__composer.state());
    const blocks = json.root.children;
    if (setup === 'plain') {
      assert.equal(blocks.length, 1, 'plain text: one paragraph');
      assert.equal(blocks[0].children.filter((n) => n.type === 'linebreak').length, 6, 'plain text: one line break per newline');
    } else {
      assert.equal(blocks.length, 7, 'rich text: one paragraph per line');
      assert.ok(blocks.every((b) => b.type === 'paragraph'));
    }
  },

  // Emoji with skin tones, joiners and flags arrive whole, after text.
  async emoji(page, setup, world) {
    await page.click(COMPOSER);
    await page.keyboard.type('Sure! ');
    const r = await insert(page, world, EMOJI);
    assert.deepEqual(r, {ok: true});
    await checkAfterInsert(page, 'Sure! ' + EMOJI, 'Sure! ');
    const dom = await page.evaluate(() => window.__composer.domText());
    for (const e of ['👍🏽', '👨‍👩‍👧', '🇩🇪', '✨']) assert.ok(dom.includes(e), `${e} intact in the DOM`);
  },
};

for (const [name, run] of Object.entries(scenarios)) {
  describe(name, () => {
    for (const setup of SETUPS) {
      for (const world of WORLDS) {
        test(`${setup} setup, ${world} world, ${TRIALS} trials`, async () => {
          for (let i = 0; i < TRIALS; i++) {
            const page = await openComposer(setup);
            try {
              await run(page, setup, world);
            } catch (e) {
              e.message = `trial ${i + 1}: ${e.message}`;
              throw e;
            } finally {
              await page.close();
            }
            const key = `${name}/${setup}/${world}`;
            tally.set(key, (tally.get(key) || 0) + 1);
          }
        });
      }
    }
  });
}

describe('failures are reported, not hidden', () => {
  for (const world of WORLDS) {
    test(`${world} world`, async () => {
      const page = await openComposer('plain');
      try {
        // A contenteditable without an editor ignores a synthetic paste.
        assert.deepEqual(await insert(page, world, REPLY, '#plain-editable'), {ok: false, reason: 'not-handled'});
        assert.equal(await page.locator('#plain-editable').textContent(), '');
        assert.deepEqual(await insert(page, world, REPLY, '#panel'), {ok: false, reason: 'not-editable'});
        assert.deepEqual(await insert(page, world, '   ', COMPOSER), {ok: false, reason: 'no-text'});
        assert.deepEqual(await insert(page, world, REPLY, '#gone'), {ok: false, reason: 'no-composer'});
        assert.equal((await state(page)).text, '');
        assert.equal((await state(page)).sent, 0);
      } finally {
        await page.close();
      }
    });
  }
});

// The testbed's own send path works, so an empty window.__sent above means
// something.
describe('testbed composer sends on Enter only', () => {
  for (const setup of SETUPS) {
    test(`${setup} setup`, async () => {
      const page = await openComposer(setup);
      try {
        await page.click(COMPOSER);
        await page.keyboard.type('first line');
        await page.keyboard.press('Shift+Enter');
        await page.keyboard.type('second line');
        let s = await state(page);
        assert.equal(s.sent, 0, 'Shift+Enter does not send');
        assert.equal(s.text, 'first line\nsecond line');
        await page.keyboard.press('Enter');
        s = await state(page);
        assert.equal(s.sent, 1, 'Enter sends');
        assert.equal(s.bubbles, 1);
        assert.equal(s.text, '', 'the composer is cleared');
        assert.deepEqual(await page.evaluate(() => window.__sent.map((m) => m.text)), ['first line\nsecond line']);
        // A reply inserted after sending is not sent either.
        assert.deepEqual(await insert(page, 'isolated', REPLY), {ok: true});
        s = await state(page);
        assert.equal(s.sent, 1);
        assert.equal(s.text, REPLY);
      } finally {
        await page.close();
      }
    });
  }
});
