// Measures the real app on a large project: time to interactive and documents-table scrolling.
//   APP_BIN=… TAURI_DRIVER=… PROJECT=/path/big.dossier node e2e/measure.mjs
// Prints numbers; asserts nothing (speed is measured, not tested).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from './webdriver.mjs';

const { APP_BIN, TAURI_DRIVER, PROJECT, SCREENSHOTS } = process.env;
const work = mkdtempSync(join(tmpdir(), 'dossier-measure-'));
const kids = [];
const stop = () => kids.reverse().forEach((k) => k.exitCode === null && k.kill('SIGTERM'));
process.on('exit', stop);

const display = await new Promise((resolve) => {
  const x = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  kids.push(x);
  x.stdio[3].on('data', (d) => resolve(`:${String(d).trim()}`));
});
const port = 4400 + Math.floor(Math.random() * 500);
// Xvfb has no GPU: WebKit's accelerated compositing would fall back to software GL and cost
// ~200 ms a frame; without it frames take ~16 ms (measured here). scripts/app.sh does the same
// for people on machines without /dev/dri. KEEP_COMPOSITING=1 measures WebKit's default.
const env = { ...process.env, DISPLAY: display, DOSSIER_PROJECT: PROJECT, XDG_CONFIG_HOME: join(work, 'c'), XDG_DATA_HOME: join(work, 'd') };
if (!process.env.KEEP_COMPOSITING) env.WEBKIT_DISABLE_COMPOSITING_MODE = '1';
kids.push(spawn(TAURI_DRIVER, ['--port', String(port), '--native-port', String(port + 1), '--native-driver', '/usr/bin/WebKitWebDriver'], { env, stdio: 'ignore' }));
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  if (await fetch(`${base}/status`).then((r) => r.ok, () => false)) break;
  await new Promise((r) => setTimeout(r, 100));
}

async function run(label) {
  const t0 = Date.now();
  const s = await Session.start(base, { browserName: 'wry', 'tauri:options': { application: APP_BIN } });
  const tSession = Date.now() - t0;
  const n = await s.textOf('[data-testid="stat-documents"] .num', 60000);
  const tNumbers = Date.now() - t0;
  await s.until('rows loaded', () => s.exec(`return performance.getEntriesByName('dossier:documents-loaded').length > 0`), 60000);
  const marks = await s.exec(
    `return Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]))`,
  );
  const tLoaded = Date.now() - t0;
  await s.click(await s.find('button.nav[data-screen="documents"]'));
  const t2 = Date.now();
  await s.until('rows', async () => (await s.findAll('[data-testid="document-row"]')).length > 0);
  const tTable = Date.now() - t2;
  const rowsInDom = (await s.findAll('[data-testid="document-row"]')).length;
  // Scroll the table, one step per frame (about ten rows: a fast flick), recording frame intervals.
  await s.cmd('POST', '/timeouts', { script: 120000 });
  if (process.env.BEFORE_SCROLL) await s.exec(process.env.BEFORE_SCROLL);
  const scroll = await s.cmd('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      const v = document.querySelector('[data-testid="documents-viewport"]');
      const step = arguments[0]; const gaps = []; let last = performance.now();
      function frame(now) {
        gaps.push(now - last); last = now;
        if (v.scrollTop + v.clientHeight >= v.scrollHeight - 1 || gaps.length > 600) {
          gaps.shift(); gaps.sort((a, b) => a - b);
          const q = (p) => Math.round(gaps[Math.floor(p * (gaps.length - 1))] * 10) / 10;
          done({ frames: gaps.length, p50: q(0.5), p95: q(0.95), max: q(1), over50ms: gaps.filter((g) => g > 50).length,
                 rows: document.querySelectorAll('[data-testid="document-row"]').length });
          return;
        }
        v.scrollTop += step;
        requestAnimationFrame(frame);
      }
      requestAnimationFrame(frame);`,
    args: [Number(process.env.STEP ?? 340)],
  });
  if (SCREENSHOTS) writeFileSync(join(SCREENSHOTS, `90-large-project-${label}.png`), await s.screenshot());
  await s.end();
  return { label, documents: n, tSession, tNumbers, tLoaded, marks, tTable, rowsInDom, scroll };
}

try {
  // The first start pays for cold caches; the second is what a person sees on a normal day.
  for (const label of (process.env.RUNS ?? 'cold,warm').split(',')) console.log(JSON.stringify(await run(label)));
} finally {
  stop();
}
