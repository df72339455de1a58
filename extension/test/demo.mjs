// The demo: the built extension in Chromium against the testbed, with the
// sample patient list imported through the options page. Screenshots go to
// out/demo/, and what was flagged is printed.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startTestbed, launch, importPatients, waitStats, badges } from './e2e/harness.mjs';

const out = path.join(ROOT, 'out', 'demo');
mkdirSync(out, { recursive: true });
const headless = !process.env.DISPLAY;
const tb = await startTestbed();
const br = await launch({ port: tb.port, headless, netLog: false });
try {
  console.log(await importPatients(br.context, br.extensionId, path.join(ROOT, 'wasm/testbed/data/patients.csv')));
  const opts = await br.context.newPage();
  await opts.goto(`chrome-extension://${br.extensionId}/options.html`);
  await opts.screenshot({ path: path.join(out, 'options.png'), fullPage: true });
  await opts.close();
  for (const [name, url] of [
    ['friend-requests-en', 'https://www.facebook.com/friends/requests/'],
    ['friend-requests-de', 'https://www.facebook.com/friends/requests/?locale=de_DE'],
    ['friend-requests-strict-csp', 'https://www.facebook.com/friends/requests/?csp=strict&build=2'],
  ]) {
    const page = await br.context.newPage();
    await page.goto(url);
    const st = await waitStats(page, (s) => s.firstScan > 0);
    await page.waitForTimeout(300);
    // Open the first badge so the screenshot shows the reasons.
    const found = await badges(page);
    await page.evaluate(() => { const h = document.querySelector('boundary-badge'); if (h) h.setAttribute('open', ''); });
    await page.screenshot({ path: path.join(out, `${name}.png`) });
    console.log(`\n${url}  (core: ${st.mode}, ${found.length} flagged on the first screenful)`);
    for (const b of found) console.log(`  ${JSON.stringify(b.avatar)}: ${b.summary}`);
    await page.close();
  }
  console.log(`\nscreenshots in ${out}`);
} finally {
  await br.close();
  tb.stop();
}
