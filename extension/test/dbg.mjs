import { startTestbed, launch, isolated } from './e2e/harness.mjs';
const tb = await startTestbed({});
const br = await launch({ port: tb.port, netLog: false });
const popup = await br.context.newPage();
await popup.goto(`chrome-extension://${br.extensionId}/popup.html`);
br.context.on('page', (p) => { console.log('page', p.url()); p.on('framenavigated', (f) => { if (f === p.mainFrame()) console.log('nav', f.url()); }); p.on('console', (m) => console.log('console', m.text())); });
br.sw.on('console', (m) => console.log('sw', m.text()));
await popup.click('#audit-run');
for (let i = 0; i < 20; i++) {
  await new Promise((r) => setTimeout(r, 1500));
  const st = await popup.evaluate(() => document.getElementById('audit-progress').textContent);
  console.log(i, st);
  const tab = br.context.pages().find((p) => p.url().startsWith('https://www.facebook.com'));
  if (tab) console.log(await isolated(tab, 'JSON.stringify(globalThis.__boundaryStats)').catch((e) => e.message));
}
await br.close(); tb.stop();
