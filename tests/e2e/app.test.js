// End-to-end tests of the AI Oversight window, driven through
// tauri-driver and WebKitWebDriver. Run them with run.sh, which starts
// the driver and points every folder at a throwaway one.
//
// Each test opens its own window on its own new database (the app takes
// `--db PATH`), so no test sees another's data. The native file dialogs
// cannot be driven, so the tests hand paths to `window.oversight`, the
// same functions the dialogs hand theirs to.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, Capabilities, Key } from 'selenium-webdriver';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const APP = process.env.OVERSIGHT_APP || path.join(root, 'target', 'debug', 'ai-oversight');
const CLI = process.env.OVERSIGHT_CLI || path.join(path.dirname(APP), 'oversight');
const TMP = process.env.OVERSIGHT_E2E_TMP || fs.mkdtempSync('/tmp/oversight-e2e-');
const SERVER = `http://127.0.0.1:${process.env.OVERSIGHT_E2E_PORT || 4444}/`;
const FIXTURE = path.join(root, 'tests', 'fixtures', 'google_forms_ja.csv');
const SCREENSHOTS = path.join(root, 'target', 'e2e-screenshots');
const catalogue = (lang) => JSON.parse(fs.readFileSync(path.join(root, 'ui', 'i18n', `${lang}.json`), 'utf8'));

const TIMEOUT = { timeout: 180_000 };

/** Opens a window on a new database; returns the driver and the paths. */
async function openApp(name) {
  const dir = fs.mkdtempSync(path.join(TMP, `${name}-`));
  const db = path.join(dir, 'oversight.sqlite3');
  const caps = new Capabilities();
  caps.setBrowserName('wry');
  caps.set('tauri:options', { application: APP, args: ['--db', db] });
  const driver = await new Builder().withCapabilities(caps).usingServer(SERVER).build();
  await driver.wait(
    () => driver.executeScript('return document.body && document.body.dataset.ready === "true"'),
    30_000,
    'the window should finish its first render',
  );
  return { driver, dir, db };
}

/** Runs `window.oversight[method](...args)` in the window and waits for it. */
async function callHook(driver, method, ...args) {
  const result = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     const [method, args] = [arguments[0], arguments[1]];
     Promise.resolve()
       .then(() => window.oversight[method](...args))
       .then((value) => done({ ok: value === undefined ? null : value }),
             (e) => done({ error: String(e && e.message ? e.message : e) }));`,
    method,
    args,
  );
  assert.equal(result.error, undefined, `window.oversight.${method} should succeed`);
  return result.ok;
}

/** The `summary --json` the CLI prints for the database. */
function cliSummary(db) {
  return JSON.parse(execFileSync(CLI, ['--db', db, 'summary', '--json'], { encoding: 'utf8' }));
}

/** The data-value of the dashboard number with this test id. */
async function dashboardValue(driver, testid) {
  return driver.findElement(By.css(`[data-testid="${testid}"]`)).getAttribute('data-value');
}

/**
 * Saves what the X display shows (the window sits at its top left) to
 * target/e2e-screenshots/NAME.png. WebKitWebDriver 2.50's own
 * screenshot command never answers under Xvfb, so the picture is taken
 * from the X server with ImageMagick's `import` instead.
 */
function screenshot(name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const out = path.join(SCREENSHOTS, `${name}.png`);
  execFileSync('import', ['-window', 'root', '-crop', '1280x800+0+0', '+repage', out], { timeout: 20_000 });
}

async function withApp(name, body) {
  const session = await openApp(name);
  try {
    await body(session);
  } finally {
    await session.driver.quit();
  }
}

test('the window starts and imports the Google Forms fixture', TIMEOUT, async () => {
  assert.ok(fs.existsSync(FIXTURE), `${FIXTURE} should exist (shared fixture)`);
  await withApp('import', async ({ driver }) => {
    const report = await callHook(driver, 'importPath', FIXTURE, {});
    assert.ok(report.imported > 0, 'a fixture with answers should import at least one response');
    assert.ok(report.batch, 'a real import should name its batch');

    const imported = await driver.findElement(By.css('[data-testid="imported"]')).getText();
    assert.match(imported, /\d/, 'the result should show how many rows were imported');
  });
});

test('the dashboard shows the same numbers as summary --json', TIMEOUT, async () => {
  await withApp('dashboard', async ({ driver, db }) => {
    await callHook(driver, 'importPath', FIXTURE, {});
    await callHook(driver, 'show', 'dashboard');
    const summary = cliSummary(db);

    // The window and the CLI read the same core, so these must agree exactly.
    assert.equal(Number(await dashboardValue(driver, 'respondents')), summary.respondents, 'respondents');
    assert.equal(Number(await dashboardValue(driver, 'departments')), summary.departments.length, 'departments');
    assert.equal(Number(await dashboardValue(driver, 'tools')), summary.tools.length, 'tools in use');
    assert.equal(Number(await dashboardValue(driver, 'monthly-spend')), summary.monthly_spend.minor, 'monthly spend');
    assert.equal(
      Number(await dashboardValue(driver, 'hours-saved')),
      summary.hours_saved_per_month,
      'hours saved per month',
    );
    assert.equal(Number(await dashboardValue(driver, 'flagged')), summary.flagged, 'values to fix');
    screenshot('dashboard');
  });
});

test('switching to Japanese relabels the navigation and sets <html lang>', TIMEOUT, async () => {
  const en = catalogue('en');
  const ja = catalogue('ja');
  await withApp('language', async ({ driver }) => {
    // The choice is remembered between runs, so start from a known one.
    await driver.findElement(By.css('[data-testid="lang-en"]')).click();
    const nav = () => driver.findElement(By.css('[data-testid="nav-dashboard"]')).getText();
    assert.equal(await nav(), en['nav.dashboard']);

    await driver.findElement(By.css('[data-testid="lang-ja"]')).click();
    await driver.wait(async () => (await nav()) === ja['nav.dashboard'], 5_000, 'the nav should turn Japanese');
    assert.equal(await driver.executeScript('return document.documentElement.lang'), 'ja');
    const settings = await driver.findElement(By.css('[data-testid="nav-settings"]')).getText();
    assert.equal(settings, ja['nav.settings'], 'every nav label should switch, not only the first');

    await driver.findElement(By.css('[data-testid="lang-en"]')).click();
    await driver.wait(async () => (await nav()) === en['nav.dashboard'], 5_000, 'and back to English');
    assert.equal(await driver.executeScript('return document.documentElement.lang'), 'en');
  });
});

test('charts export as PNG and PDF files of the requested size', TIMEOUT, async () => {
  await withApp('charts', async ({ driver, dir }) => {
    // The first-run button loads the sample company, so there is something to draw.
    await driver.findElement(By.css('[data-testid="load-demo"]')).click();
    await driver.wait(
      async () => Number(await driver.executeScript(
        'const n = document.querySelector(\'[data-testid="respondents"]\'); return n ? n.dataset.value : 0',
      )) > 0,
      20_000,
      'loading the sample company should fill the dashboard',
    );

    const png = path.join(dir, 'spend.png');
    const pdf = path.join(dir, 'hours.pdf');
    await callHook(driver, 'exportChart', 'spend-by-department', 'png', png, 1200, 700);
    await callHook(driver, 'exportChart', 'hours-saved-by-department', 'pdf', pdf, 1600, 900);

    const bytes = fs.readFileSync(png);
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'the PNG file should have the PNG signature');
    assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR', 'the first chunk of a PNG is IHDR');
    assert.equal(bytes.readUInt32BE(16), 1200, 'the PNG should be as wide as asked');
    assert.equal(bytes.readUInt32BE(20), 700, 'the PNG should be as tall as asked');
    assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-', 'the PDF should start with %PDF-');

    await callHook(driver, 'show', 'charts');
    await driver.wait(
      () => driver.executeScript(
        'const i = document.querySelector(\'[data-testid="chart-preview"]\'); return !!i && i.complete && i.naturalWidth > 0',
      ),
      20_000,
      'the chart preview should load from its blob: URL',
    );
    screenshot('charts');
  });
});

test('markup in a respondent answer is shown as text and never runs', TIMEOUT, async () => {
  const img = '<img src=x onerror="window.__pwned=1">';
  const script = '<script>window.__pwned=2</script>';
  const quote = (s) => `"${s.replaceAll('"', '""')}"`;
  const csv = [
    ['Timestamp', 'Email Address', 'Name', 'Department', 'Which AI tools do you use?', 'How is it paid?',
      'Monthly cost', 'Main tasks', 'Hours per week using AI', 'Hours saved per week', 'Challenges', 'Requests'],
    ['2026/11/05 9:12:33', 'a@example.com', script, img, 'ChatGPT', 'Company contract', '3000', img, '5', '2',
      'Cost', script],
  ].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';

  await withApp('markup', async ({ driver, dir }) => {
    const file = path.join(dir, 'markup.csv');
    fs.writeFileSync(file, csv, 'utf8');
    const report = await callHook(driver, 'importPath', file, {});
    assert.equal(report.imported, 1, 'the one answer should import');

    await callHook(driver, 'show', 'responses');
    const cells = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="response-row"] td\')].map((td) => td.textContent)',
    );
    assert.ok(cells.some((c) => c.includes(img)), 'the <img> answer should appear as its literal text');
    assert.ok(cells.some((c) => c.includes(script)), 'the <script> answer should appear as its literal text');
    assert.equal(
      await driver.executeScript('return document.querySelectorAll("main img, main script").length'),
      0,
      'no element should be made from an answer',
    );

    await callHook(driver, 'show', 'departments');
    const names = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="department-row"] th\')].map((th) => th.textContent)',
    );
    assert.deepEqual(names, [img], 'the department name should be shown as text');
    assert.equal(await driver.executeScript('return document.querySelectorAll("main img").length'), 0);

    // An onerror handler would have fired by now if an <img> had been made.
    await driver.sleep(500);
    assert.equal(await driver.executeScript('return typeof window.__pwned'), 'undefined', 'no answer may run code');
  });
});

test('a flagged value is fixed from the responses view, and unreadable text is refused', TIMEOUT, async () => {
  await withApp('fix', async ({ driver, db }) => {
    await callHook(driver, 'importPath', FIXTURE, {});
    const before = cliSummary(db).flagged;
    assert.ok(before > 0, 'the fixture should leave at least one value to fix');

    await callHook(driver, 'show', 'responses');
    const box = await driver.findElement(By.css('[data-testid="fix-input"]'));
    const field = await driver.executeScript(
      'return document.querySelector(\'[data-testid="flagged-cell"]\').dataset.field',
    );
    await box.clear();
    await box.sendKeys('not a value at all');
    await driver.findElement(By.css('form.fix button[type="submit"]')).click();
    const error = await driver.findElement(By.css('[data-testid="fix-error"]'));
    await driver.wait(async () => (await error.getText()) !== '', 5_000, 'unreadable text should be refused');
    assert.equal(cliSummary(db).flagged, before, 'a refused fix must change nothing');

    const good = { monthly_cost: '3000', usage_hours_week: '2', saved_hours_week: '1' }[field] ?? '3000';
    const again = await driver.findElement(By.css('[data-testid="fix-input"]'));
    await again.clear();
    await again.sendKeys(good, Key.ENTER);
    await driver.wait(() => cliSummary(db).flagged === before - 1, 5_000, 'Enter should submit the fix');
  });
});

test('an import is undone from the import view after a second click', TIMEOUT, async () => {
  await withApp('undo', async ({ driver, db }) => {
    await callHook(driver, 'importPath', FIXTURE, {});
    assert.equal(cliSummary(db).responses, 24, 'the fixture is imported first');
    await callHook(driver, 'show', 'import');

    const { until } = await import('selenium-webdriver');
    const undo = async () =>
      (await driver.wait(until.elementLocated(By.css('[data-testid="undo-import"]')), 10_000)).click();
    await undo();
    // One click only asks; nothing may be removed yet.
    await driver.wait(async () => (await driver.findElements(By.css('button.danger'))).length === 1, 10_000);
    assert.equal(cliSummary(db).responses, 24, 'the first click removes nothing');
    await undo();
    await driver.wait(async () => cliSummary(db).responses === 0, 10_000);
    // The view re-renders after the undo; wait for its new history card.
    await driver.wait(async () => {
      try {
        const cards = await driver.findElements(By.css('[data-testid="import-history"]'));
        return cards.length === 1 && !(await cards[0].getText()).includes('google_forms_ja.csv');
      } catch {
        return false; // the card was replaced while being read
      }
    }, 10_000, 'the undone import is no longer listed');
  });
});
