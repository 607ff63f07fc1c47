// End-to-end tests of the real desktop app: Xvfb + tauri-driver + WebKitWebDriver, driving the
// built binary over a copy of the sample project. Saves a screenshot of every screen.
//
//   APP_BIN=… TAURI_DRIVER=… SAMPLE=… SCREENSHOTS=… node e2e/run.mjs
//
// Everything runs on this machine (loopback only); processes started here are stopped by pid.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from './webdriver.mjs';

const env = (name) => process.env[name] ?? fail(`${name} is not set`);
const APP_BIN = env('APP_BIN');
const TAURI_DRIVER = env('TAURI_DRIVER');
const SAMPLE = env('SAMPLE');
const SCREENSHOTS = env('SCREENSHOTS');

function fail(msg) {
  console.error(`e2e: ${msg}`);
  process.exit(2);
}

const children = [];
function start(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  children.push(child);
  return child;
}
function stopAll() {
  for (const c of children.reverse()) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

/** Xvfb picks a free display itself and tells us which on fd 3. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const x = start('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    x.stdio[3].on('data', (d) => resolve(`:${String(d).trim()}`));
    x.on('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForDriver(base) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('tauri-driver did not answer on its port');
}

// ---- the scenario -----------------------------------------------------------------------------
const results = [];
async function check(name, f) {
  const t0 = Date.now();
  try {
    await f();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

async function shot(s, name) {
  writeFileSync(join(SCREENSHOTS, `${name}.png`), await s.screenshot());
}

async function go(s, screen) {
  if (process.env.E2E_TRACE) console.log(`     -> ${screen}`);
  await s.click(await s.find(`button.nav[data-screen="${screen}"]`));
  await s.until(`${screen} screen`, () => s.find(`[data-testid="${screen}"]`));
}

async function setSelect(s, css, value) {
  await s.exec(
    `const el = document.querySelector(arguments[0]); el.value = arguments[1];
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    css,
    value,
  );
}

const SCREENS = ['dashboard', 'documents', 'facts', 'applications', 'route', 'build', 'reports', 'audit'];

async function main() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'dossier-e2e-'));
  // A copy of the sample: the test's project is created from it and never touches the original.
  const sample = join(work, 'sample');
  cpSync(SAMPLE, sample, { recursive: true });
  const display = await startXvfb();
  const port = await freePort();
  const nativePort = await freePort();
  const appEnv = {
    ...process.env,
    DISPLAY: display,
    // Settings, the created project and WebKit's storage all stay inside the test's folder.
    XDG_CONFIG_HOME: join(work, 'config'),
    XDG_DATA_HOME: join(work, 'data'),
    XDG_CACHE_HOME: join(work, 'cache'),
    DOSSIER_SAMPLE: sample,
    // Debug builds only: a pause after each build step, so Cancel can be pressed mid-build.
    DOSSIER_E2E_BUILD_PAUSE_MS: '60',
  };
  // WebKit's default compositing stays on here although Xvfb has no GPU (scripts/app.sh turns
  // it off for people): with it off, WebKitWebDriver's screenshot can wait forever for a frame.
  if (process.env.E2E_NO_COMPOSITING) appEnv.WEBKIT_DISABLE_COMPOSITING_MODE = '1';
  delete appEnv.DOSSIER_PROJECT;
  const driver = start(TAURI_DRIVER, ['--port', String(port), '--native-port', String(nativePort), '--native-driver', '/usr/bin/WebKitWebDriver'], {
    env: appEnv,
  });
  let driverLog = '';
  driver.stderr.on('data', (d) => (driverLog += d));
  const base = `http://127.0.0.1:${port}`;
  await waitForDriver(base);
  const caps = { browserName: 'wry', 'tauri:options': { application: APP_BIN } };

  let s;
  let documents = 0;
  await check('the app starts on a new project made from the sample and shows the dashboard numbers', async () => {
    const t0 = Date.now();
    s = await Session.start(base, caps);
    const n = await s.textOf('[data-testid="stat-documents"] .num', 60000);
    documents = Number(n.replace(/[^\d]/g, ''));
    console.log(`     first start (project created from the sample): dashboard numbers after ${Date.now() - t0} ms`);
    if (!(documents > 0)) throw new Error(`expected documents on the dashboard, saw "${n}"`);
    await s.textOf('[data-testid="stat-review"] .num');
    await s.until('module chart', () => s.find('ul.bars li'));
    await shot(s, '01-dashboard');
  });

  await check('the documents table lists every document and virtualises the rows', async () => {
    await go(s, 'documents');
    const count = await s.textOf('[data-testid="documents-count"]');
    if (!count.includes(String(documents))) throw new Error(`count line "${count}" does not mention ${documents}`);
    const rows = await s.until('rows', async () => {
      const r = await s.findAll('[data-testid="document-row"]');
      return r.length > 0 && r;
    });
    if (documents > 60 && rows.length >= documents) throw new Error(`all ${rows.length} rows are in the DOM: not virtualised`);
    await shot(s, '02-documents');
  });

  await check('correcting a document type is saved and shown as confirmed', async () => {
    await setSelect(s, '[data-testid="filter-review"]', 'all');
    const first = (await s.findAll('[data-testid="document-row"]'))[0];
    await s.click(first);
    await s.until('detail panel', () => s.find('[data-testid="set-type"]'));
    await s.until('detail loaded', async () => (await s.exec(`return document.querySelector('[data-testid="set-type"]').options.length`)) > 5);
    const current = await s.exec(`return document.querySelector('[data-testid="set-type"]').value`);
    const target = current === 'cover-letter' ? 'application-form' : 'cover-letter';
    await setSelect(s, '[data-testid="set-type"]', target);
    await s.click(await s.find('[data-testid="save-type"]'));
    await s.textOf('[data-testid="saved"]');
    const status = await s.textOf('[data-testid="document-row"][aria-selected="true"] .badge');
    if (!/Confirmed/.test(status)) throw new Error(`row status is "${status}", expected Confirmed`);
    await shot(s, '03-document-corrected');
  });

  if (!process.env.E2E_SKIP_KEYS) await check('the keyboard moves through the table and Ctrl+number switches screens', async () => {
    const grid = await s.find('[data-testid="documents-grid"]');
    const before = await s.exec(`return document.querySelector('[aria-selected="true"]')?.dataset.id`);
    await s.type(grid, '\uE015'); // ArrowDown
    const after = await s.until('selection moved', async () => {
      const id = await s.exec(`return document.querySelector('[aria-selected="true"]')?.dataset.id`);
      return id && id !== before && id;
    });
    if (!after) throw new Error('ArrowDown did not move the selection');
    // Ctrl+1, as a key action sequence (keys typed into an element keep modifiers held).
    await s.cmd('POST', '/actions', {
      actions: [{ type: 'key', id: 'kb', actions: [
        { type: 'keyDown', value: '\uE009' }, { type: 'keyDown', value: '1' },
        { type: 'keyUp', value: '1' }, { type: 'keyUp', value: '\uE009' },
      ] }],
    });
    await s.cmd('DELETE', '/actions');
    await s.until('dashboard after Ctrl+1', () => s.find('[data-testid="dashboard"]'));
  });

  await check('a 5.3.5 report offers the product indication and stores the one chosen', async () => {
    await go(s, 'documents');
    await setSelect(s, '[data-testid="filter-review"]', 'all');
    const text = await s.find('[data-testid="filter-text"]');
    await s.type(text, 'exp-301-csr');
    const row = await s.until('the EXP-301 CSR alone', async () => {
      const r = await s.findAll('[data-testid="document-row"]');
      return r.length === 1 && r[0];
    });
    await s.click(row);
    await s.until('the Indication select', () => s.find('[data-testid="scope-indication"]'));
    const options = await s.exec(`return [...document.querySelector('[data-testid="scope-indication"]').options].map((o) => o.value)`);
    const indication = options.find((o) => o.startsWith('First-line treatment of adult patients'));
    if (!indication) throw new Error(`the Indication select offers ${JSON.stringify(options)}`);
    const label = await s.textOf('[data-testid="scope"] label');
    if (!label.startsWith('Indication')) throw new Error(`the field is labelled "${label}"`);
    await setSelect(s, '[data-testid="scope-indication"]', indication);
    await s.textOf('[data-testid="scope-saved"]');
    const stored = await s.execAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke('documents_list').then((rows) => done(rows.find((r) => r.file_name === 'exp-301-csr.pdf').scope), (e) => done({ err: e }));`,
    );
    if (stored.indication !== indication) throw new Error(`the stored scope is ${JSON.stringify(stored)}`);
    await s.until('the select shows the stored indication', async () =>
      (await s.exec(`return document.querySelector('[data-testid="scope-indication"]').value`)) === indication);
    await s.scrollTo('[data-testid="scope"]');
    await shot(s, '04-document-scope');
    await setSelect(s, '#language', 'zh-Hans');
    await s.until('适应症', async () => (await s.textOf('[data-testid="scope"] label')).startsWith('适应症'));
    await shot(s, '04b-document-scope-zh-Hans');
    await setSelect(s, '#language', 'en');
    await s.until('English again', async () => (await s.textOf('[data-testid="scope"] label')).startsWith('Indication'));
    await s.exec(`const el = document.querySelector('[data-testid="filter-text"]'); el.value = '';
                  el.dispatchEvent(new Event('input', { bubbles: true }));`);
  });

  await check('every screen opens; the audit log shows the correction', async () => {
    for (const [i, screen] of SCREENS.entries()) {
      if (screen === 'documents') continue;
      await go(s, screen);
      if (screen === 'facts') await s.until('facts form', () => s.find('[data-testid="facts-inn"]'));
      if (screen === 'audit') {
        const text = await s.textOf('[data-testid="audit"] tbody');
        if (!text.includes('document')) throw new Error('no document change in the audit log');
      }
      await shot(s, `${String(i + 10)}-${screen}`);
    }
    await go(s, 'facts');
    await s.until('facts', () => s.find('[data-testid="facts-inn"]'));
    await s.click((await s.findAll('[role="tab"]'))[1]);
    await s.until('studies', () => s.find('section.study'));
    await shot(s, '13-facts-studies');
  });

  await check('excipients are saved with the product facts, an empty site drug substance is not stored, and clearing them saves', async () => {
    const facts = () => s.execAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke('facts_get').then(done, (e) => done({ err: e }));`,
    );
    const setText = (css, value) => s.exec(
      `const el = document.querySelector(arguments[0]); el.value = arguments[1];
       el.dispatchEvent(new Event('input', { bubbles: true }));`,
      css,
      value,
    );
    // Saved once the store holds what was asked for; a refusal shows the error banner instead.
    const saveAndWait = async (what, stored) => {
      await s.click(await s.find('[data-testid="facts-save"]'));
      await s.until(what, async () => {
        const error = await s.findAll('[data-testid="facts"] .banner.error');
        if (error.length) throw new Error(`saving failed: ${await s.text(error[0])}`);
        return stored(await facts());
      });
    };
    await go(s, 'facts');
    await s.click((await s.findAll('[role="tab"]'))[0]);
    await s.until('the excipients field', () => s.find('[data-testid="facts-excipients"]'));
    const label = await s.exec(`return document.querySelector('[data-field="product.excipients"] label span').textContent`);
    if (!label.startsWith('Excipients')) throw new Error(`the excipients field is labelled "${label}"`);
    await setText('[data-testid="facts-excipients"]', 'Lactose monohydrate\n\n  Magnesium stearate  \n');
    // Typed into and emptied again: still "not stated", not an empty name.
    await setText('[data-testid="facts-site-substance"]', 'x');
    await setText('[data-testid="facts-site-substance"]', '');
    const wanted = JSON.stringify(['Lactose monohydrate', 'Magnesium stearate']);
    await saveAndWait('the excipients stored', (f) => JSON.stringify(f.product?.excipients) === wanted);
    const stored = await facts();
    if ((stored.product.site ?? []).some((site) => 'substance' in site && site.substance !== null)) {
      throw new Error(`a site has a drug substance: ${JSON.stringify(stored.product.site)}`);
    }
    await s.until('the form shows the saved excipients', async () =>
      (await s.exec(`return document.querySelector('[data-testid="facts-excipients"]').value`)) === 'Lactose monohydrate\nMagnesium stearate');
    await s.scrollTo('[data-testid="facts-excipients"]');
    await shot(s, '14-facts-excipients');
    // The sample records none: take them out again, which must save as well.
    await setText('[data-testid="facts-excipients"]', '');
    await saveAndWait('no excipients stored', (f) => f.product && (f.product.excipients ?? []).length === 0);
  });

  await check('the analysis screens show real results: readiness, route verdicts, checklist, matrix, build', async () => {
    await go(s, 'dashboard');
    await s.until('readiness bars', () => s.find('[data-testid="dash-readiness"] ul.ready li'));
    await s.until('route verdicts', () => s.find('[data-testid="dash-route"] [data-verdict]'));
    await shot(s, '40-dashboard-analysis');
    await go(s, 'route');
    await s.until('route cards', () => s.find('[data-testid="route"] section.route [data-verdict]'));
    await shot(s, '41-route');
    await go(s, 'applications');
    await s.until('checklist items', () => s.find('[data-testid="item"] [data-status]'));
    await shot(s, '42-applications-checklist');
    await s.click(await s.find('[data-testid="tab-matrix"]'));
    await s.until('matrix', () => s.find('[data-testid="matrix-count"]'));
    await shot(s, '43-applications-matrix');
    await go(s, 'build');
    await s.until('build form', () => s.find('[data-testid="build-run"]'));
    await s.click(await s.find('[data-testid="build-run"]'));
    await s.until('build result or error', async () => (await s.findAll('[data-testid="build-result"], [data-testid="build-error"]')).length > 0, 120000);
    await shot(s, '44-build-result');
    // An eCTD sequence is then validated against the region's whole published catalogue.
    await s.until('validation of the built sequence', () => s.find('[data-testid="build-validation"]'), 120000);
    const validation = await s.textOf('[data-testid="build-validation"]');
    if (!/\d+ of \d+ rules pass/.test(validation)) throw new Error(`the validation card shows "${validation.slice(0, 200)}"`);
    await shot(s, '44b-build-validation');
    // What the regulator now holds: the cumulative view lists the leaves the sequence sent.
    await s.until('cumulative view', () => s.find('[data-testid="cumulative-leaf"]'), 60000);
    const held = await s.textOf('[data-testid="cumulative-count"]');
    if (!/^(\d+) of \1 current leaves$/.test(held.trim())) throw new Error(`the cumulative view says "${held}"`);
    await s.exec(`document.querySelector('[data-testid="cumulative"]').scrollIntoView({ block: 'start' })`);
    await shot(s, '44c-cumulative');
    // The built sequence is an eCTD source. Read from inside the project it is refused (a
    // project's builds are not documents); sent elsewhere and read back (over the real IPC, as a
    // drop would) it finds every document already in the project.
    const built = (await s.textOf('[data-testid="build-result"] p.mono')).trim();
    const inside = await s.execAsync(
      `const done = arguments[arguments.length - 1];
       const ipc = window.__TAURI_INTERNALS__;
       const channel = '__CHANNEL__:' + ipc.transformCallback(() => {});
       ipc.invoke('import_ectd', { path: arguments[0], job: 'e2e_ectd_inside', onProgress: channel })
         .then((r) => done({ r }))
         .catch((e) => done({ err: e }));`,
      built,
    );
    if (!inside.err || !/inside the project/.test(inside.err.message)) {
      throw new Error(`importing the project's own build was not refused: ${JSON.stringify(inside).slice(0, 300)}`);
    }
    const folder = join(mkdtempSync(join(tmpdir(), 'dossier-e2e-sent-')), '0000');
    cpSync(built, folder, { recursive: true });
    const back = await s.execAsync(
      `const done = arguments[arguments.length - 1];
       const ipc = window.__TAURI_INTERNALS__;
       const channel = '__CHANNEL__:' + ipc.transformCallback(() => {});
       ipc.invoke('import_kinds', { paths: [arguments[0], arguments[0] + '/m1'] })
         .then((kinds) => ipc.invoke('import_ectd', { path: arguments[0], job: 'e2e_ectd', onProgress: channel }).then((r) => done({ kinds, r })))
         .catch((e) => done({ err: e }));`,
      folder,
    );
    if (back.err) throw new Error(`import_ectd failed: ${JSON.stringify(back.err)}`);
    if (JSON.stringify(back.kinds) !== '[true,false]') throw new Error(`import_kinds said ${JSON.stringify(back.kinds)} for ${folder}`);
    if (back.r.imported !== 0 || back.r.already_known === 0 || back.r.sequences[0] !== '0000') {
      throw new Error(`reading back ${folder}: ${JSON.stringify(back.r).slice(0, 300)}`);
    }
    // Recorded as an application's history over the same command: the application's own build
    // is refused by number, naming what to do.
    const history = await s.execAsync(
      `const done = arguments[arguments.length - 1];
       const ipc = window.__TAURI_INTERNALS__;
       const channel = '__CHANNEL__:' + ipc.transformCallback(() => {});
       ipc.invoke('import_ectd', { path: arguments[0], application: 'app_cn', job: 'e2e_ectd_history', onProgress: channel })
         .then((r) => done({ r }))
         .catch((e) => done({ err: e }));`,
      folder,
    );
    if (!history.err || !/built by this project/.test(history.err.message)) {
      throw new Error(`recording the application's own build as its history was not refused: ${JSON.stringify(history).slice(0, 300)}`);
    }
    await go(s, 'reports');
    await shot(s, '45-reports');
  });


  const item = (id) => `[data-testid="item"][data-item="${id}"]`;
  const statusOf = (id) => s.exec(`return document.querySelector(arguments[0])?.dataset.status`, item(id));

  await check('a document is assigned to a checklist item through the picker, then unassigned', async () => {
    await go(s, 'applications');
    await s.click(await s.find('[data-testid="app-app_hk"]'));
    await s.until('HK-44 in the checklist', () => s.find(`${item('HK-44')} [data-testid="assign"]`));
    await s.click(await s.find(`${item('HK-44')} [data-testid="assign"]`));
    const search = await s.until('picker', () => s.find(`${item('HK-44')} [data-testid="picker-search"]`));
    // Nothing of the item's types is in the sample: the picker starts on the whole library.
    const plausibleOnly = await s.exec(`return document.querySelector('[data-testid="picker-plausible"]').checked`);
    if (plausibleOnly) await s.click(await s.find('[data-testid="picker-plausible"]'));
    await s.type(search, 'ames');
    const box = await s.until('a matching document', async () => {
      const found = await s.findAll(`${item('HK-44')} [data-testid="picker-doc"]:not([disabled])`);
      return found.length === 1 && found[0];
    });
    await s.click(box);
    await s.scrollTo(`${item('HK-44')} [data-testid="assign-picker"]`);
    await shot(s, '50-checklist-assign-picker');
    await s.click(await s.find(`${item('HK-44')} [data-testid="picker-assign"]`));
    await s.until('the document placed by hand', () => s.find(`${item('HK-44')} [data-testid="placed"][data-path*="ames-test"] .badge`));
    const after = await statusOf('HK-44');
    if (after === 'missing') throw new Error('HK-44 is still missing after the assignment');
    await s.click(await s.find(`${item('HK-44')} [data-testid="placed"][data-path*="ames-test"] [data-testid="unassign"]`));
    await s.until('the document taken off', async () => (await s.findAll(`${item('HK-44')} [data-testid="placed"]`)).length === 0);
    if ((await statusOf('HK-44')) !== 'missing') throw new Error('HK-44 is not missing again after unassigning');
  });

  await check('an item is marked not applicable with a reason, and the mark is taken back', async () => {
    const reason = 'RMP agreed not required at the pre-submission meeting (e2e)';
    await s.click(await s.find(`${item('HK-17')} [data-testid="mark-na"]`));
    const input = await s.until('reason field', () => s.find(`${item('HK-17')} [data-testid="na-reason"]`));
    await s.type(input, reason);
    await s.click(await s.find(`${item('HK-17')} [data-testid="na-submit"]`));
    await s.until('not applicable', async () => (await statusOf('HK-17')) === 'not-applicable');
    const shown = await s.textOf(`${item('HK-17')} [data-testid="na-reason-shown"]`);
    if (!shown.includes(reason)) throw new Error(`the reason shown is "${shown}"`);
    await s.click(await s.find(`${item('HK-17')} [data-testid="undo-na"]`));
    await s.until('missing again', async () => (await statusOf('HK-17')) === 'missing');
  });

  await check('editing an application refuses an impossible date, then saves the target date', async () => {
    await s.click(await s.find('[data-testid="edit-app"]'));
    const date = await s.until('editor', () => s.find('[data-testid="app-editor"] [data-testid="editor-target-date"]'));
    await s.clear(date);
    await s.type(date, '2027-02-30');
    await s.click(await s.find('[data-testid="editor-save"]'));
    const problem = await s.textOf('[data-field="targetDate"] .error-text');
    if (!problem.includes('YYYY-MM-DD')) throw new Error(`the date problem reads "${problem}"`);
    await shot(s, '51-application-editor');
    await s.clear(date);
    await s.type(date, '2027-06-30');
    await s.click(await s.find('[data-testid="editor-save"]'));
    await s.until('editor closed', async () => (await s.findAll('[data-testid="app-editor"]')).length === 0);
    // The editor closes before the list is re-read, so the card may show the old date a moment.
    const card = () => s.textOf('[data-testid="app-app_hk"] [data-testid="target-date"]');
    await s.until('the new date on the card', async () => (await card()).includes('2027-06-30'), 5000).catch(async () => {
      throw new Error(`the card shows "${await card()}"`);
    });
  });

  await check('a build can be cancelled and leaves nothing half-written', async () => {
    await go(s, 'build');
    await s.until('build form', () => s.find('[data-testid="build-run"]'));
    // app_cn was built by the analysis check above; EMA has not been built yet.
    await setSelect(s, '[data-testid="build-app"]', 'app_eu');
    await s.click(await s.find('[data-testid="build-run"]'));
    const cancel = await s.until('cancel button', () => s.find('[data-testid="build-cancel"]'));
    await s.click(cancel);
    const outcome = await s.until(
      'the build to stop',
      () => s.exec(`return ['build-cancelled', 'build-error', 'build-result'].find((id) => document.querySelector('[data-testid="' + id + '"]'))`),
      60000,
    );
    await shot(s, '52-build-cancelled');
    if (outcome !== 'build-cancelled') throw new Error(`the build ended with ${outcome}: ${await s.textOf(`[data-testid="${outcome}"]`)}`);
    const built = await s.execAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke('sequences_list', { app: 'app_eu' }).then(done, (e) => done({ err: e }));`,
    );
    if (!Array.isArray(built) || built.length !== 0) throw new Error(`after cancelling, app_eu has sequences: ${JSON.stringify(built)}`);
  });

  await check('the gap report command writes a PDF (save dialog bypassed: the command is invoked over the real IPC)', async () => {
    const out = join(work, 'gap-report.pdf');
    const r = await s.execAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke('report_gaps', { path: arguments[0], app: null, language: 'zh-Hans' })
         .then((v) => done({ ok: v }), (e) => done({ err: e }));`,
      out,
    );
    if (r.err) throw new Error(`report_gaps failed: ${JSON.stringify(r.err)}`);
    if (!existsSync(out) || readFileSync(out).subarray(0, 5).toString() !== '%PDF-') throw new Error(`${out} is not a PDF`);
  });

  await check('a gap about a document opens that document in the library', async () => {
    await go(s, 'dashboard');
    const link = await s.until('a gap naming a document', () => s.find('[data-testid="worst-gap-open"]'));
    const message = await s.exec(`return document.querySelector('[data-testid="worst-gap-open"]').closest('td').textContent`);
    await s.click(link);
    await s.until('documents screen', () => s.find('[data-testid="documents"]'));
    const panel = await s.until('the document panel', () => s.find('[data-testid="document-detail"]'));
    const shown = await s.exec(`return document.querySelector('[data-testid="document-detail"]').textContent`);
    const name = (message.match(/[\w./-]+\.pdf/) ?? [''])[0].split('/').pop();
    if (!panel || !name || !shown.includes(name)) throw new Error(`the gap "${message.trim()}" opened a panel showing: ${shown.slice(0, 200)}`);
    await shot(s, '08-gap-opens-document');
  });

  await check('switching to 简体中文 translates the labels and is remembered at the next start', async () => {
    await setSelect(s, '#language', 'zh-Hans');
    await go(s, 'dashboard');
    const nav = await s.textOf('button.nav[data-screen="documents"] span:last-child');
    if (nav !== '文件') throw new Error(`documents nav reads "${nav}"`);
    const label = await s.textOf('[data-testid="stat-review"] .lbl');
    if (label !== '待复核') throw new Error(`review label reads "${label}"`);
    await shot(s, '20-dashboard-zh-Hans');
    await go(s, 'documents');
    await shot(s, '21-documents-zh-Hans');
    await go(s, 'facts');
    await s.until('facts', () => s.find('[data-testid="facts-inn"]'));
    await shot(s, '22-facts-zh-Hans');
    await go(s, 'route');
    await s.until('route cards', () => s.find('[data-testid="route"] section.route [data-verdict]'));
    await shot(s, '23-route-zh-Hans');
    await go(s, 'applications');
    await s.until('checklist items', () => s.find('[data-testid="item"] [data-status]'));
    await shot(s, '24-applications-zh-Hans');
    await go(s, 'build');
    await s.until('build form', () => s.find('[data-testid="build-run"]'));
    await shot(s, '25-build-zh-Hans');
    await go(s, 'dashboard');
    await s.until('readiness bars', () => s.find('[data-testid="dash-readiness"] ul.ready li'));
    await shot(s, '26-dashboard-analysis-zh-Hans');
    await s.end();
    s = await Session.start(base, caps);
    const again = await s.textOf('button.nav[data-screen="documents"] span:last-child', 30000);
    if (again !== '文件') throw new Error(`after a restart the nav reads "${again}"`);
    const n = Number((await s.textOf('[data-testid="stat-documents"] .num')).replace(/[^\d]/g, ''));
    if (n !== documents) throw new Error(`after a restart the project has ${n} documents, expected ${documents}`);
  });


  const noEnglishGap = /no document yet|expired on|has no .* translation|applies depending on/;
  await check('gaps on the checklist and dashboard, and the HK routes, are worded in 简体中文', async () => {
    await go(s, 'applications');
    await s.click(await s.find('[data-testid="app-app_hk"]'));
    const msg = await s.textOf(`${item('HK-07')} [data-testid="gap-message"]`);
    if (!msg.includes('尚无文件')) throw new Error(`HK-07 reads "${msg}"`);
    const all = await s.exec(`return [...document.querySelectorAll('[data-testid="gap-message"]')].map((e) => e.textContent)`);
    const english = all.filter((m) => noEnglishGap.test(m));
    if (english.length) throw new Error(`still English: ${english.join(' | ')}`);
    await s.scrollTo(item('HK-07'));
    await shot(s, '53-gaps-zh-Hans');
    await s.click(await s.find(`${item('HK-07')} [data-testid="assign"]`));
    await s.until('picker', () => s.find(`${item('HK-07')} [data-testid="assign-picker"]`));
    await s.scrollTo(`${item('HK-07')} [data-testid="assign-picker"]`);
    await shot(s, '54-assign-picker-zh-Hans');
    await s.scrollTo('[data-testid="edit-app"]');
    await s.click(await s.find('[data-testid="edit-app"]'));
    await s.until('editor', () => s.find('[data-testid="app-editor"]'));
    await shot(s, '55-application-editor-zh-Hans');
    await s.click(await s.find('[data-testid="app-editor"] button[type="button"]'));
    await go(s, 'dashboard');
    await s.until('worst gaps', () => s.find('[data-testid="worst-gap"]'));
    const worst = await s.exec(`return [...document.querySelectorAll('[data-testid="worst-gap"]')].map((e) => e.textContent)`);
    if (worst.some((m) => noEnglishGap.test(m))) throw new Error(`dashboard gaps still English: ${worst.join(' | ')}`);
    await shot(s, '56-dashboard-gaps-zh-Hans');
    await go(s, 'route');
    const summary = await s.textOf('[data-testid="route-1plus"] > p');
    if (!summary.includes('参考批准')) throw new Error(`the 1+ summary reads "${summary}"`);
    const titles = await s.exec(`return [...document.querySelectorAll('[data-testid="route-1plus"] .ctitle')].map((e) => e.textContent)`);
    if (titles.some((x) => /[A-Za-z]{5}/.test(x.replace(/NDA|CPP/g, '')))) throw new Error(`condition titles still English: ${titles.join(' | ')}`);
    await shot(s, '57-route-zh-Hans');
    // Building again sends nothing new: the build stops, and says why in 简体中文; a build that
    // goes ahead lists its findings and the validation's problems in 简体中文 too.
    await go(s, 'build');
    await s.until('build form', () => s.find('[data-testid="build-run"]'));
    await setSelect(s, '[data-testid="build-app"]', 'app_eu');
    await s.click(await s.find('[data-testid="build-run"]'));
    await s.until('build result or stop', async () => (await s.findAll('[data-testid="build-result"], [data-testid="build-error"]')).length > 0, 120000);
    if ((await s.findAll('[data-testid="build-result"]')).length > 0) {
      await s.until('validation', () => s.find('[data-testid="build-validation"]'), 120000);
    }
    const lines = await s.exec(
      `return [...document.querySelectorAll('[data-testid="build-stop"] td:last-child, [data-testid="build-finding"] td:last-child, [data-testid="build-problem"] td:last-child')].map((e) => e.textContent)`,
    );
    if (lines.length === 0) throw new Error('the build listed nothing to check');
    const untranslated = lines.filter((l) => !/[\u4e00-\u9fff]/.test(l));
    if (untranslated.length) throw new Error(`build lines still English: ${untranslated.join(' | ')}`);
    await shot(s, '58-build-zh-Hans');
  });

  await check('繁體中文 shows the Traditional labels and gap messages', async () => {
    await setSelect(s, '#language', 'zh-Hant');
    await go(s, 'documents');
    const heads = await s.until('column headers', () =>
      s.exec(`return [...document.querySelectorAll('[data-testid="documents-grid"] .th')].map((e) => e.textContent.trim())`),
    );
    if (!heads[0].startsWith('文件') || heads[1] !== '文件類型') throw new Error(`column headers read ${JSON.stringify(heads)}`);
    await shot(s, '30-documents-zh-Hant');
    await go(s, 'route');
    await shot(s, '31-route-zh-Hant');
    await go(s, 'applications');
    const msg = await s.textOf(`${item('HK-07')} [data-testid="gap-message"]`);
    if (!msg.includes('尚無文件')) throw new Error(`HK-07 reads "${msg}" in 繁體中文`);
    await s.scrollTo(item('HK-07'));
    await shot(s, '32-gaps-zh-Hant');
  });

  await s?.end().catch(() => {});
  rmSync(work, { recursive: true, force: true });
  const failed = results.filter((r) => !r.ok).length;
  if (failed && driverLog) console.log(`--- tauri-driver said:\n${driverLog.slice(-3000)}`);
  console.log(`screenshots: ${SCREENSHOTS}`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main()
  .catch((e) => {
    console.error(`e2e: ${e.stack ?? e}`);
    process.exitCode = 1;
  })
  .finally(stopAll);
