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
    // The app serves its own Japanese font, so the labels are not empty
    // boxes on a machine with no CJK font (the CSP must let it load).
    const faces = await driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       document.fonts.load('16px "AI Oversight Gothic"', '日本語').then(
         (loaded) => done(loaded.map((f) => f.status)), (e) => done([String(e)]));`,
    );
    assert.deepEqual(faces, ['loaded'], 'the bundled font loads through the font scheme');

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
    // The same export re-saved as CP932: every row is skipped as stored.
    const resaved = path.join(root, 'tests', 'fixtures', 'google_forms_ja_cp932.csv');
    await callHook(driver, 'importPath', resaved, {});
    assert.equal(cliSummary(db).responses, 24, 'the re-saved export adds nothing');
    await callHook(driver, 'show', 'import');

    const { until } = await import('selenium-webdriver');
    // Newest first: the first import's button is the second.
    const undo = async () => {
      await driver.wait(async () => (await driver.findElements(By.css('[data-testid="undo-import"]'))).length === 2, 10_000);
      (await driver.findElements(By.css('[data-testid="undo-import"]')))[1].click();
    };
    await undo();
    // One click only asks; nothing may be removed yet. The question says
    // that the later import's skipped rows go too.
    await driver.wait(async () => (await driver.findElements(By.css('button.danger'))).length === 1, 10_000);
    assert.equal(cliSummary(db).responses, 24, 'the first click removes nothing');
    const question = await driver.findElement(By.css('[data-testid="import-history"] .confirm')).getText();
    assert.ok(question.includes('google_forms_ja_cp932.csv'), `the question names the later file: ${question}`);
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

// ---------------------------------------------------------------------------
// Contracts, duplicates, renewals, ROI, the catalogue and the trash.

/** What `oversight ARGS… --json` prints for the database. */
function cliJson(db, ...args) {
  return JSON.parse(execFileSync(CLI, ['--db', db, ...args, '--json'], { encoding: 'utf8' }));
}

/** YYYY-MM-DD of the local day `days` from today, as the app counts days. */
function dayFromToday(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Waits for an element (the views re-render, so look it up afresh). */
async function waitFor(driver, css, message) {
  const { until } = await import('selenium-webdriver');
  return driver.wait(until.elementLocated(By.css(css)), 10_000, message || `${css} should appear`);
}

/** Clicks an element found afresh, retrying while a re-render replaces it. */
async function click(driver, css) {
  await driver.wait(async () => {
    try {
      await (await driver.findElement(By.css(css))).click();
      return true;
    } catch {
      return false;
    }
  }, 10_000, `${css} should be clickable`);
}

/** Opens a view through its nav button and waits for its heading. */
async function openView(driver, view) {
  await click(driver, `[data-testid="nav-${view}"]`);
  await waitFor(driver, `#title-${view}`, `the ${view} view should render`);
}

/**
 * Types the fields into the open form `testid`: text into inputs, the
 * value into selects and date inputs (WebKit's date fields take no keys)
 * and textareas (WebKitWebDriver drops the line breaks it is sent).
 */
async function fillForm(driver, testid, fields) {
  for (const [name, value] of Object.entries(fields)) {
    const control = await driver.findElement(By.css(`[data-testid="${testid}"] [name="${name}"]`));
    const tag = await control.getTagName();
    const type = await control.getAttribute('type');
    if (tag === 'select' || tag === 'textarea' || type === 'date' || type === 'checkbox') {
      await driver.executeScript(
        `const c = arguments[0];
         if (c.type === 'checkbox') c.checked = arguments[1] === 'yes'; else c.value = arguments[1];
         c.dispatchEvent(new Event('input', { bubbles: true }));
         c.dispatchEvent(new Event('change', { bubbles: true }));`,
        control,
        value,
      );
    } else {
      await control.clear();
      await control.sendKeys(value);
    }
  }
}

/** Adds a contract through the form; `submit` is how the form is sent. */
async function addContractInForm(driver, fields, submit = 'button') {
  await click(driver, '[data-testid="add-contract"]');
  await waitFor(driver, '[data-testid="contract-form"]');
  await fillForm(driver, 'contract-form', fields);
  if (submit === 'enter') {
    await driver.findElement(By.css('[data-testid="contract-form"] [name="seats"]')).sendKeys(Key.ENTER);
  } else {
    await click(driver, '[data-testid="contract-form"] [data-testid="form-submit"]');
  }
}

/** The number of rows matching `css` once it stops changing to `count`. */
async function waitForCount(driver, css, count, message) {
  await driver.wait(
    async () => (await driver.findElements(By.css(css))).length === count,
    10_000,
    message || `${count} of ${css} should be shown`,
  );
}

const SALES = { tool: 'ChatGPT', plan: 'Business (monthly)', department: '営業部', seats: '3', unit_price: '30', currency: 'USD', billing: 'monthly' };
const MARKETING = { ...SALES, department: 'Marketing', seats: '2' };

test('two contracts of one product in two departments make a duplicate group, shown and exported', TIMEOUT, async () => {
  await withApp('duplicates', async ({ driver, db, dir }) => {
    await openView(driver, 'dashboard');
    assert.equal(Number(await dashboardValue(driver, 'duplicate-monthly-cost')), 0, 'an empty store has no duplicate spend');

    // Alt+Shift+1 is the first view of the contracts group.
    await driver.findElement(By.css('body')).sendKeys(Key.chord(Key.ALT, Key.SHIFT, '1'));
    await waitFor(driver, '#title-contracts', 'Alt+Shift+1 should open the contracts');
    await addContractInForm(driver, SALES, 'enter');
    await waitForCount(driver, '[data-testid="contract-row"]', 1, 'Enter in the form should store the contract');
    await addContractInForm(driver, MARKETING);
    await waitForCount(driver, '[data-testid="contract-row"]', 2, 'the second contract should be listed');

    const stored = cliJson(db, 'contracts', 'list');
    assert.equal(stored.length, 2, 'both contracts should be in the database');
    const shown = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="contract-monthly"]\')].map((td) => Number(td.dataset.value))',
    );
    assert.deepEqual(
      shown.sort(),
      stored.map((c) => c.monthly_cost_base.minor).sort(),
      'each row should show the monthly amount in the base currency the core computed',
    );

    await openView(driver, 'dashboard');
    const dupes = cliJson(db, 'duplicates');
    const due = cliJson(db, 'renewals', '--within', '30');
    assert.ok(dupes.duplicate_monthly_cost.minor > 0, 'one product in two departments is duplicate spend');
    assert.equal(
      Number(await dashboardValue(driver, 'duplicate-monthly-cost')),
      dupes.duplicate_monthly_cost.minor,
      'the dashboard headline should be the CLI\'s duplicate_monthly_cost',
    );
    assert.equal(
      Number(await dashboardValue(driver, 'possible-saving')),
      dupes.monthly_saving.minor,
      'the possible saving should be the CLI\'s monthly_saving',
    );
    assert.equal(Number(await dashboardValue(driver, 'renewals-due')), due.items.length, 'renewals in 30 days as the CLI counts them');

    await openView(driver, 'duplicates');
    await waitForCount(driver, '[data-testid="duplicate-group"]', 1, 'one duplicate group should be shown');
    const group = await driver.findElement(By.css('[data-testid="duplicate-group"]'));
    assert.equal(await group.getAttribute('data-product'), 'ChatGPT');
    assert.equal((await group.findElements(By.css('[data-testid="duplicate-member"]'))).length, 2, 'both contracts are its members');
    const groupText = await group.getText();
    assert.ok(groupText.includes('営業部') && groupText.includes('Marketing'), 'the group names both departments');
    const saving = await group.findElement(By.css('[data-testid="group-monthly-saving"]')).getAttribute('data-value');
    assert.equal(Number(saving), dupes.groups[0].monthly_saving.minor, 'the group\'s saving is the CLI\'s');
    assert.notEqual(await group.findElement(By.css('[data-testid="group-verdict"]')).getText(), '', 'the group says what it finds');
    screenshot('duplicate-group-en');

    const csv = path.join(dir, 'duplicates.csv');
    const xlsx = path.join(dir, 'duplicates.xlsx');
    await callHook(driver, 'exportDuplicates', 'csv', csv);
    await callHook(driver, 'exportDuplicates', 'xlsx', xlsx);
    const csvBytes = fs.readFileSync(csv);
    assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with a UTF-8 BOM for Excel');
    const csvText = csvBytes.toString('utf8');
    assert.ok(csvText.includes('ChatGPT'), 'the CSV lists the group\'s product');
    assert.ok(csvText.includes('営業部') && csvText.includes('Marketing'), 'the CSV lists both departments');
    const xlsxBytes = fs.readFileSync(xlsx);
    assert.equal(xlsxBytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'an XLSX file is a zip archive');
    assert.ok(xlsxBytes.includes(Buffer.from('xl/workbook.xml')), 'and holds a workbook');
  });
});

test('a refused field is shown beside it, nothing is stored, and Escape closes the form', TIMEOUT, async () => {
  await withApp('refused', async ({ driver, db }) => {
    await openView(driver, 'contracts');
    await addContractInForm(driver, { ...SALES, seats: '-3' });
    const error = await waitFor(driver, '[data-testid="field-error"][data-field="seats"]');
    await driver.wait(async () => (await error.getText()) !== '', 5_000, 'the seats field should say why it was refused');
    assert.match(await error.getText(), /1 or more/, 'the reason is the core\'s');
    const seats = await driver.findElement(By.css('[data-testid="contract-form"] [name="seats"]'));
    assert.equal(await seats.getAttribute('aria-invalid'), 'true', 'the refused field is marked');
    const others = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="field-error"]\')].filter((p) => p.textContent && p.dataset.field !== "seats").length',
    );
    assert.equal(others, 0, 'only the refused field carries a reason');
    assert.equal(cliJson(db, 'contracts', 'list').length, 0, 'a refused contract must not be stored');
    assert.equal(
      await driver.executeScript('return document.activeElement && document.activeElement.name'),
      'seats',
      'the focus goes to the refused field',
    );
    screenshot('contract-form-error-en');

    await seats.sendKeys(Key.ESCAPE);
    await waitForCount(driver, '[data-testid="contract-form"]', 0, 'Escape should close the form');
    assert.equal(cliJson(db, 'contracts', 'list').length, 0, 'and still nothing is stored');
  });
});

test('markup in a contract note and department is shown as text and never runs', TIMEOUT, async () => {
  const img = '<img src=x onerror="window.__pwned=1">';
  const bold = '<b onmouseover="window.__pwned=2">Ops</b>';
  await withApp('contract-markup', async ({ driver }) => {
    await openView(driver, 'contracts');
    await addContractInForm(driver, { ...SALES, department: bold, note: img });
    await waitForCount(driver, '[data-testid="contract-row"]', 1);
    await addContractInForm(driver, { ...MARKETING, note: img });
    await waitForCount(driver, '[data-testid="contract-row"]', 2);

    const notes = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="contract-note"]\')].map((n) => n.textContent)',
    );
    assert.deepEqual(notes, [img, img], 'the note should appear as its literal text');
    const departments = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="contract-department"]\')].map((n) => n.textContent)',
    );
    assert.ok(departments.includes(bold), 'the department should appear as its literal text');
    assert.equal(await driver.executeScript('return document.querySelectorAll("main img, main b").length'), 0, 'no element is made from what was typed');

    for (const view of ['duplicates', 'renewals', 'spend', 'dashboard']) {
      await openView(driver, view);
      assert.equal(await driver.executeScript('return document.querySelectorAll("main img, main b").length'), 0, `${view}: no element is made from what was typed`);
    }
    await driver.sleep(500);
    assert.equal(await driver.executeScript('return typeof window.__pwned'), 'undefined', 'nothing typed may run');
  });
});

test('a deleted contract goes to the trash; Undo and Restore put it back; Empty asks first', TIMEOUT, async () => {
  await withApp('trash', async ({ driver, db }) => {
    await openView(driver, 'contracts');
    await addContractInForm(driver, SALES);
    await waitForCount(driver, '[data-testid="contract-row"]', 1);

    await click(driver, '[data-testid="delete-contract"]');
    await waitForCount(driver, '[data-testid="contract-row"]', 0, 'a deleted contract leaves the list');
    assert.equal(cliJson(db, 'contracts', 'list').length, 0, 'and is no longer counted');
    assert.equal(cliJson(db, 'trash', 'list').length, 1, 'it is in the trash');
    await click(driver, '[data-testid="notice-action"]');
    await waitForCount(driver, '[data-testid="contract-row"]', 1, 'Undo should put it back');
    assert.equal(cliJson(db, 'contracts', 'list').length, 1);

    await click(driver, '[data-testid="delete-contract"]');
    await waitForCount(driver, '[data-testid="contract-row"]', 0);
    await openView(driver, 'trash');
    await waitForCount(driver, '[data-testid="trash-row"]', 1, 'the trash lists the deleted contract');
    await click(driver, '[data-testid="restore"]');
    await waitFor(driver, '[data-testid="trash-empty"]', 'a restored contract leaves the trash');
    assert.equal(cliJson(db, 'contracts', 'list').length, 1, 'Restore should put it back');

    await openView(driver, 'contracts');
    await click(driver, '[data-testid="delete-contract"]');
    await waitForCount(driver, '[data-testid="contract-row"]', 0);
    await openView(driver, 'trash');
    await click(driver, '[data-testid="empty-trash"]');
    await waitFor(driver, 'button.danger[data-testid="empty-trash"]', 'the first click only asks');
    assert.equal(cliJson(db, 'trash', 'list').length, 1, 'the first click removes nothing');
    screenshot('trash-confirm-en');
    await click(driver, 'button.danger[data-testid="empty-trash"]');
    await waitFor(driver, '[data-testid="trash-empty"]');
    assert.equal(cliJson(db, 'trash', 'list').length, 0, 'the second click empties the trash');
  });
});

/** A contracts file in the template's layout, with one row per contract. */
function contractsCsv(rows) {
  const headers = ['tool', 'plan', 'department', 'account_kind', 'seats', 'unit_price', 'currency', 'billing',
    'start_date', 'renewal_date', 'end_date', 'auto_renew', 'notice_days', 'status', 'owner', 'note'];
  const quote = (s) => `"${String(s ?? '').replaceAll('"', '""')}"`;
  return '\ufeff' + [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]
    .map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

const SAMPLE_CONTRACTS = [
  { ...SALES, start_date: '2025-04-01', renewal_date: dayFromToday(12), notice_days: '30', owner: '佐藤' },
  { ...MARKETING, start_date: '2025-06-01', renewal_date: dayFromToday(40), notice_days: '14' },
  { tool: 'Claude', plan: 'Pro (monthly)', department: '開発部', account_kind: 'expense', seats: '1', unit_price: '$20', start_date: '2025-09-01' },
  { tool: 'Claude', plan: 'Pro (monthly)', department: '開発部', account_kind: 'personal', seats: '1', unit_price: '$20', start_date: '2025-10-01' },
  { tool: 'GitHub Copilot', plan: 'Business', department: '開発部', seats: '12', unit_price: '19', currency: 'USD', start_date: '2025-01-15', renewal_date: dayFromToday(75), notice_days: '7' },
  { tool: 'DeepL', plan: 'Pro Starter', department: 'Marketing', seats: '4', unit_price: '1,200円', billing: 'monthly', start_date: '2025-05-01', renewal_date: dayFromToday(5) },
  { tool: 'Microsoft Copilot', plan: 'Microsoft 365 Copilot', department: '営業部', seats: '10', unit_price: '$360', billing: 'annual', start_date: '2025-04-01', renewal_date: dayFromToday(55), notice_days: '30' },
];

test('a contracts import reports each problem by row and column, and is undone as a whole', TIMEOUT, async () => {
  await withApp('contract-import', async ({ driver, db, dir }) => {
    const file = path.join(dir, 'contracts.csv');
    fs.writeFileSync(file, contractsCsv([
      SAMPLE_CONTRACTS[0],
      SAMPLE_CONTRACTS[4],
      { ...SAMPLE_CONTRACTS[1], seats: '-1' },
      { ...SAMPLE_CONTRACTS[5], start_date: '31/02/2026' },
    ]));
    await openView(driver, 'contracts');
    const report = await callHook(driver, 'importContracts', file, {});
    assert.equal(report.imported, 2, 'the two good rows are imported');
    const rows = report.flagged.map((f) => `${f.row}:${f.column}`);
    assert.ok(rows.includes('4:seats'), `row 4's seats should be flagged (got ${rows})`);
    assert.ok(rows.includes('5:start_date'), `row 5's start date should be flagged (got ${rows})`);

    const card = await waitFor(driver, '[data-testid="contract-import-report"]');
    assert.equal(await card.findElement(By.css('[data-testid="contracts-imported"]')).getAttribute('data-value'), '2');
    const cells = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="contract-flagged"] tbody tr\')].map((tr) => [...tr.children].map((td) => td.textContent))',
    );
    assert.ok(cells.some((c) => c[0] === '4' && c[1] === 'seats' && c[2] === '-1' && c[3] !== ''), 'the report shows row, column, value and reason');
    await waitForCount(driver, '[data-testid="contract-row"]', 2, 'the imported contracts are listed');
    screenshot('contract-import-en');

    await click(driver, '[data-testid="undo-contract-import"]');
    await waitFor(driver, 'button.danger[data-testid="undo-contract-import"]', 'the first click only asks');
    assert.equal(cliJson(db, 'contracts', 'list').length, 2, 'the first click removes nothing');
    await click(driver, 'button.danger[data-testid="undo-contract-import"]');
    await waitForCount(driver, '[data-testid="contract-row"]', 0, 'undoing the import removes its contracts');
    assert.equal(cliJson(db, 'contracts', 'list').length, 0);
  });
});

test('the template and the renewals calendar are written where the save dialog says', TIMEOUT, async () => {
  await withApp('files', async ({ driver, dir }) => {
    const file = path.join(dir, 'contracts.csv');
    fs.writeFileSync(file, contractsCsv(SAMPLE_CONTRACTS));
    await callHook(driver, 'importContracts', file, {});

    const csv = path.join(dir, 'template.csv');
    const xlsx = path.join(dir, 'template.xlsx');
    await callHook(driver, 'exportTemplate', 'csv', csv);
    await callHook(driver, 'exportTemplate', 'xlsx', xlsx);
    const template = fs.readFileSync(csv, 'utf8');
    assert.ok(template.startsWith('\ufefftool,plan,department,'), 'the CSV template is the header row, with a BOM');
    assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString('latin1'), 'PK', 'the XLSX template is a zip archive');

    await openView(driver, 'renewals');
    await waitFor(driver, '[data-testid="renewals-table"]');
    await click(driver, '[data-testid="renewals-90"]');
    await waitFor(driver, '[data-testid="renewals-90"][aria-pressed="true"]');
    const ics = path.join(dir, 'renewals.ics');
    await callHook(driver, 'exportRenewals', 90, ics);
    const calendar = fs.readFileSync(ics, 'utf8');
    assert.ok(calendar.startsWith('BEGIN:VCALENDAR'), 'the .ics file is a calendar');
    assert.ok(calendar.includes('GitHub Copilot'), 'it holds the renewal 75 days ahead');
  });
});

test('the survey to send out is shown in the window\'s language, saved, and its export imports unmapped', TIMEOUT, async () => {
  await withApp('survey-form', async ({ driver, dir, db }) => {
    await click(driver, '[data-testid="lang-ja"]');
    await openView(driver, 'import');
    await click(driver, '[data-testid="survey-form-card"] > summary');
    const shown = await driver.findElement(By.css('[data-testid="survey-form"]')).getAttribute('value');
    const cli = execFileSync(CLI, ['survey-form', '--lang', 'ja'], { encoding: 'utf8' });
    assert.equal(shown.trim(), cli.trim(), 'the window shows the text the CLI prints');
    assert.ok(shown.includes('利用しているAIツール（チェックボックス）'), 'in Japanese, with the kind of answer');
    screenshot('import-survey-form-ja');

    // Copy puts it on the clipboard or, where the webview refuses, selects
    // all of it for Ctrl+C; either way it says which.
    const ja = catalogue('ja');
    await click(driver, '[data-testid="copy-survey-form"]');
    await driver.wait(async () => {
      const said = await driver.findElement(By.css('[data-testid="survey-form-status"]')).getText();
      return said === ja['import.form_copied'] || said === ja['import.form_select'];
    }, 5_000, 'Copy says what it did');
    const said = await driver.findElement(By.css('[data-testid="survey-form-status"]')).getText();
    if (said === ja['import.form_select']) {
      const selected = await driver.executeScript(
        'const b = document.querySelector(\'[data-testid="survey-form"]\'); return b.value.slice(b.selectionStart, b.selectionEnd)',
      );
      assert.equal(selected, shown, 'without a clipboard the whole text is selected');
    }

    const file = path.join(dir, 'form.txt');
    await callHook(driver, 'saveSurveyForm', file);
    assert.equal(fs.readFileSync(file, 'utf8'), `\ufeff${cli.trim()}\n`, 'the file is that text, with a BOM for Notepad');

    // A Google Forms export of a form made from it: every header is
    // recognised, and an option with a comma inside stays one option.
    const questions = [...cli.matchAll(/^\d+\. (.+)（/gm)].map((m) => m[1]);
    const cells = { 部署: '営業部', 利用しているAIツール: 'ChatGPT, ローカルLLM', 課題: '回答の正確性, 社内ルールが不明確' };
    const csv = path.join(dir, 'export.csv');
    fs.writeFileSync(csv, ['タイムスタンプ', ...questions].join(',') + '\n' +
      ['2026/11/05 9:12:33', ...questions.map((q) => `"${cells[q] || ''}"`)].join(',') + '\n');
    const preview = JSON.parse(execFileSync(CLI, ['--db', db, 'preview', csv, '--json'], { encoding: 'utf8' }));
    assert.equal(preview.mapping.filter((m) => m.field).length, questions.length + 1, 'no column is left to map');
  });
});

test('use cases are ranked by net value with the department\'s hourly cost', TIMEOUT, async () => {
  await withApp('roi', async ({ driver, db, dir }) => {
    const file = path.join(dir, 'contracts.csv');
    fs.writeFileSync(file, contractsCsv(SAMPLE_CONTRACTS));
    await callHook(driver, 'importContracts', file, {});

    await openView(driver, 'roi');
    const hourly = await waitFor(driver, '[data-testid="hourly-input"][data-department="営業部"]');
    await hourly.sendKeys('4000', Key.ENTER);
    await driver.wait(async () => {
      const costs = await driver.executeScript(
        'const i = document.querySelector(\'[data-testid="hourly-input"][data-department="営業部"]\'); return i && i.value',
      );
      return costs === '4000';
    }, 10_000, 'Enter should save the hourly cost');

    await click(driver, '[data-testid="add-use-case"]');
    await waitFor(driver, '[data-testid="use-case-form"]');
    await fillForm(driver, 'use-case-form', { department: '営業部', task: '提案書の下書き', tool: 'ChatGPT', minutes_per_run: 'many', runs_per_month: '20', seats: '3' });
    await click(driver, '[data-testid="use-case-form"] [data-testid="form-submit"]');
    const error = await waitFor(driver, '[data-testid="field-error"][data-field="minutes_per_run"]');
    await driver.wait(async () => (await error.getText()) !== '', 5_000, 'unreadable minutes are refused beside their field');
    await fillForm(driver, 'use-case-form', { minutes_per_run: '30' });
    await click(driver, '[data-testid="use-case-form"] [data-testid="form-submit"]');
    await waitForCount(driver, '[data-testid="roi-row"]', 1, 'the use case is ranked');

    const roi = cliJson(db, 'roi');
    const net = await driver.findElement(By.css('[data-testid="roi-net"]')).getAttribute('data-value');
    assert.equal(Number(net), roi.use_cases[0].net_monthly.minor, 'the net value is the CLI\'s');
    screenshot('roi-ranked-en');
  });
});

test('the catalogue adds a plan, refuses a bad price beside its field, and adds an alias', TIMEOUT, async () => {
  await withApp('catalog', async ({ driver, db }) => {
    await openView(driver, 'catalog');
    await click(driver, '[data-testid="catalog-tool"][data-name="Cursor"] summary');
    await click(driver, '[data-testid="catalog-tool"][data-name="Cursor"] [data-testid="add-plan"]');
    await waitFor(driver, '[data-testid="plan-form"]');
    await fillForm(driver, 'plan-form', { name: 'Business', tier: 'team', price: 'forty', currency: 'USD', min_seats: '3' });
    await click(driver, '[data-testid="plan-form"] [data-testid="form-submit"]');
    const error = await waitFor(driver, '[data-testid="plan-form"] [data-testid="field-error"][data-field="price"]');
    await driver.wait(async () => (await error.getText()) !== '', 5_000, 'an unreadable price is refused beside its field');
    await fillForm(driver, 'plan-form', { price: '40' });
    await click(driver, '[data-testid="plan-form"] [data-testid="form-submit"]');
    await waitFor(driver, '[data-testid="catalog-tool"][data-name="Cursor"] [data-testid="plan-row"][data-name="Business"]', 'the new plan is listed');
    const cursor = cliJson(db, 'catalog', 'list').find((tool) => tool.name === 'Cursor');
    const plan = cursor && cursor.plans.find((p) => p.name === 'Business');
    assert.ok(plan && plan.min_seats === 3 && plan.price.minor === 4000, 'the plan is stored as typed');

    const alias = await waitFor(driver, '[data-testid="catalog-tool"][data-name="Cursor"] [data-testid="alias-input"]');
    await alias.sendKeys('カーソル', Key.ENTER);
    // The view renders afresh after the alias is added: look the card up each time.
    await driver.wait(
      () => driver.executeScript(
        'const c = document.querySelector(\'[data-testid="catalog-tool"][data-name="Cursor"]\'); return !!c && c.textContent.includes("カーソル")',
      ),
      10_000,
      'the alias is listed',
    );
    screenshot('catalog-new-plan-en');
  });
});

test('every contract view renders in English and Japanese with no raw catalogue key', TIMEOUT, async () => {
  const en = catalogue('en');
  const ja = catalogue('ja');
  const keys = new Set(Object.keys(en));
  await withApp('views', async ({ driver, dir, db }) => {
    const file = path.join(dir, 'contracts.csv');
    fs.writeFileSync(file, contractsCsv(SAMPLE_CONTRACTS));
    await callHook(driver, 'importContracts', file, {});
    execFileSync(CLI, ['--db', db, 'usecases', 'hourly-cost', '開発部', '5000']);
    execFileSync(CLI, ['--db', db, 'usecases', 'add', '--department', '開発部', '--task', 'コードレビュー',
      '--tool', 'GitHub Copilot', '--hours-per-month', '40', '--seats', '12']);

    // Settings: the new tax settings are saved as the CLI reads them.
    await openView(driver, 'settings');
    await driver.executeScript('document.querySelector(\'[data-testid="prices-include-tax"]\').checked = true');
    await click(driver, 'form.card button[type="submit"]');
    await driver.wait(
      () => execFileSync(CLI, ['--db', db, 'settings', 'get', 'prices_include_tax'], { encoding: 'utf8' }).trim() === 'true',
      10_000,
      'the tax setting should be saved',
    );

    for (const lang of ['en', 'ja']) {
      await click(driver, `[data-testid="lang-${lang}"]`);
      const names = lang === 'en' ? en : ja;
      await driver.wait(async () => (await driver.findElement(By.css('[data-testid="nav-contracts"]')).getText()) === names['nav.contracts'], 5_000);
      for (const view of ['dashboard', 'contracts', 'spend', 'duplicates', 'renewals', 'roi', 'catalog', 'trash', 'settings']) {
        await openView(driver, view);
        if (view === 'catalog') {
          const open = await driver.executeScript('return document.querySelector(\'[data-testid="catalog-tool"][data-name="ChatGPT"]\').open');
          if (!open) await click(driver, '[data-testid="catalog-tool"][data-name="ChatGPT"] summary');
        }
        if (view === 'renewals') await click(driver, '[data-testid="renewals-60"]');
        await driver.sleep(300);
        const text = await driver.executeScript('return document.body.innerText');
        const raw = (text.match(/\b[a-z_]+\.[a-z_-]+\b/g) || []).filter((word) => keys.has(word));
        assert.deepEqual(raw, [], `${lang} ${view}: every string comes from the catalogue`);
        screenshot(`${view}-${lang}`);
      }
    }

    await openView(driver, 'charts');
    await driver.executeScript(
      'const s = document.querySelector(\'[data-testid="chart-kind"]\'); s.value = "duplicates"; s.dispatchEvent(new Event("change"))',
    );
    await driver.wait(
      () => driver.executeScript(
        'const i = document.querySelector(\'[data-testid="chart-preview"]\'); return !!i && i.complete && i.naturalWidth > 0 && i.alt === arguments[0]',
        ja['chart.duplicates'],
      ),
      20_000,
      'the duplicates chart should be drawn',
    );
    screenshot('charts-duplicates-ja');
    await click(driver, '[data-testid="lang-en"]');
  });
});

test('survey answers paid personally are offered as contracts and confirmed one by one', TIMEOUT, async () => {
  await withApp('suggestions', async ({ driver, db }) => {
    await callHook(driver, 'importPath', FIXTURE, {});
    const offered = cliJson(db, 'contracts', 'suggestions');
    assert.ok(offered.length > 0, 'the fixture has answers paid personally with a cost');

    await openView(driver, 'contracts');
    await waitForCount(driver, '[data-testid="suggestion-row"]', offered.length, 'every suggestion the CLI lists is offered');
    await click(driver, `[data-testid="suggestion-row"][data-response="${offered[0].response_id}"] [data-testid="confirm-suggestion"]`);
    await waitForCount(driver, '[data-testid="contract-row"]', 1, 'a confirmed answer becomes a contract');
    await waitForCount(driver, '[data-testid="suggestion-row"]', offered.length - 1, 'and is offered no more');
    const [made] = cliJson(db, 'contracts', 'list');
    assert.equal(made.account_kind, offered[0].account_kind, 'the contract is paid as the answer said');
    assert.equal(made.source, 'survey', 'and is marked as coming from the survey');
    screenshot('contracts-survey-en');
  });
});

test('the spend table and the duplicate questions are the CLI\'s numbers', TIMEOUT, async () => {
  await withApp('spend', async ({ driver, db, dir }) => {
    const file = path.join(dir, 'contracts.csv');
    fs.writeFileSync(file, contractsCsv(SAMPLE_CONTRACTS));
    await callHook(driver, 'importContracts', file, {});

    await openView(driver, 'spend');
    const from = await driver.findElement(By.css('[data-testid="spend-from"]')).getAttribute('value');
    const to = await driver.findElement(By.css('[data-testid="spend-to"]')).getAttribute('value');
    await driver.executeScript(
      'const s = document.querySelector(\'[data-testid="spend-by"]\'); s.value = "tool"; s.form.requestSubmit()',
    );
    await waitFor(driver, '[data-testid="spend-row"][data-name="GitHub Copilot"]', 'the table should turn to tools');
    const spend = cliJson(db, 'spend', '--by', 'tool', '--from', from, '--to', to);
    const total = await driver.findElement(By.css('[data-testid="spend-total"]')).getAttribute('data-value');
    assert.equal(Number(total), spend.total.minor, `the total from ${from} to ${to} is the CLI's`);
    assert.equal((await driver.findElements(By.css('[data-testid="spend-row"]'))).length, spend.rows.length, 'one row per tool, as the CLI has');

    await openView(driver, 'duplicates');
    const dupes = cliJson(db, 'duplicates');
    await waitForCount(driver, '[data-testid="duplicate-group"]', dupes.groups.length, 'every group the CLI finds is shown');
    await waitForCount(driver, '[data-testid="overlap"]', dupes.overlaps.length, 'and every category overlap, apart, as a question');
    const verdicts = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="duplicate-group"]\')].map((g) => [g.dataset.product, g.classList.contains("saves")])',
    );
    assert.deepEqual(verdicts, dupes.groups.map((g) => [g.product, g.saves]), 'the groups in the CLI\'s order, each saving or not as it says');
  });
});

// ---------------------------------------------------------------------------
// The prompt library and the reviews.

/** Sets a control's value by script (WebKit's date fields take no keys) and tells its listeners. */
async function setValue(driver, css, value) {
  await driver.executeScript(
    `const c = document.querySelector(arguments[0]);
     c.value = arguments[1];
     c.dispatchEvent(new Event('input', { bubbles: true }));
     c.dispatchEvent(new Event('change', { bubbles: true }));`,
    css,
    value,
  );
}

/** Types a query into the library's search box and waits for its results. */
async function searchLibrary(driver, query) {
  const box = await waitFor(driver, '[data-testid="prompt-search"]');
  await box.clear();
  if (query) await box.sendKeys(query);
  else await setValue(driver, '[data-testid="prompt-search"]', '');
  await driver.wait(
    () => driver.executeScript(
      'const q = document.querySelector(\'[data-testid="prompt-search"]\'); const r = document.querySelector(\'[data-testid="prompt-results"]\');'
      + ' return !!q && !!r && q.value === arguments[0] && r.dataset.mode !== undefined && r.dataset.query === arguments[0]',
      query,
    ),
    10_000,
    `the results for '${query}' should be shown`,
  );
}

/** The titles of the templates listed, in order. */
function listedTitles(driver) {
  return driver.executeScript(
    'return [...document.querySelectorAll(\'[data-testid="prompt-row"]\')].map((r) => r.dataset.title)',
  );
}

const MEETING = {
  title: '週次会議の議事録まとめ',
  body: '次の会議メモを{{観点}}の観点で要約してください。\n会議日: {{day}}\n出席者: {{出席者}}',
  category: 'meeting',
  department: '営業部',
  tags: '会議, 議事録',
  status: 'approved',
  owner: '佐藤',
};

test('a template made in the editor is used with its variables, counted, rated and found in Japanese', TIMEOUT, async () => {
  await withApp('prompts', async ({ driver, db }) => {
    // Alt+Shift+8 is the first view after the seven contract views.
    await driver.findElement(By.css('body')).sendKeys(Key.chord(Key.ALT, Key.SHIFT, '8'));
    await waitFor(driver, '#title-prompts', 'Alt+Shift+8 should open the prompt library');

    await click(driver, '[data-testid="new-prompt"]');
    await waitFor(driver, '[data-testid="prompt-form"]');
    await fillForm(driver, 'prompt-form', MEETING);
    await waitForCount(driver, '[data-testid="variable-row"]', 3, 'each {{name}} typed in the body gets a variable row');
    const rows = await driver.findElements(By.css('[data-testid="variable-row"]'));
    const names = await Promise.all(rows.map((r) => r.findElement(By.css('[name="variable-name"]')).getAttribute('value')));
    assert.deepEqual(names, ['観点', 'day', '出席者'], 'the rows follow the body');
    await driver.executeScript(
      `const rows = document.querySelectorAll('[data-testid="variable-row"]');
       rows[0].querySelector('[name="variable-kind"]').value = 'choice';
       rows[0].querySelector('[name="variable-options"]').value = 'コスト, 品質, 納期';
       rows[0].querySelector('[name="variable-default"]').value = '品質';
       rows[1].querySelector('[name="variable-kind"]').value = 'date';
       rows[2].querySelector('[name="variable-kind"]').value = 'long_text';`,
    );
    await click(driver, '[data-testid="prompt-form"] [data-testid="form-submit"]');
    await waitFor(driver, `[data-testid="prompt-row"][data-title="${MEETING.title}"]`, 'the saved template is listed');

    const [stored] = cliJson(db, 'prompts', 'list');
    assert.equal(stored.title, MEETING.title);
    assert.deepEqual(stored.tags, ['会議', '議事録'], 'tags are split at commas');
    assert.deepEqual(
      stored.variables.map((v) => [v.name, v.kind]),
      [['観点', 'choice'], ['day', 'date'], ['出席者', 'long_text']],
      'each variable is stored with the kind chosen in the editor',
    );
    assert.deepEqual(stored.variables[0].options, ['コスト', '品質', '納期']);

    // Use: one input per variable, by kind, and a live preview.
    await click(driver, `[data-testid="prompt-row"][data-id="${stored.id}"] [data-testid="use-prompt"]`);
    await waitFor(driver, '[data-testid="use-panel"]');
    const tags = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="use-input"]\')].map((i) => i.tagName.toLowerCase() + ":" + (i.type || ""))',
    );
    assert.deepEqual(tags, ['select:select-one', 'input:date', 'textarea:textarea'], 'a choice is a select, a date a date field, long text a textarea');
    const preview = () => driver.findElement(By.css('[data-testid="use-preview"]')).getText();
    await driver.wait(async () => (await preview()).includes('品質の観点'), 5_000, 'the preview starts with the default choice');

    await setValue(driver, '[data-testid="use-input"][data-variable="観点"]', 'コスト');
    // Copy before every variable has a value: refused, naming the empty
    // ones, and nothing counted.
    await click(driver, '[data-testid="copy-prompt"]');
    await driver.wait(
      async () => (await driver.findElement(By.css('[data-testid="use-error"]')).getText()).includes('{{day}}'),
      5_000,
      'Copy says which variable has no value',
    );
    assert.equal(cliJson(db, 'prompts', 'show', stored.id).uses, 0, 'a refused copy counts nothing');
    await setValue(driver, '[data-testid="use-input"][data-variable="day"]', '2026-12-04');
    const people = await driver.findElement(By.css('[data-testid="use-input"][data-variable="出席者"]'));
    await people.sendKeys('田中、鈴木');
    const expected = '次の会議メモをコストの観点で要約してください。\n会議日: 2026-12-04\n出席者: 田中、鈴木';
    await driver.wait(
      async () => (await driver.executeScript('return document.querySelector(\'[data-testid="use-preview"]\').textContent')) === expected,
      5_000,
      'the preview is the body with every variable filled in',
    );
    assert.equal(cliJson(db, 'prompts', 'show', stored.id).uses, 0, 'previewing counts nothing');

    await click(driver, '[data-testid="copy-prompt"]');
    await driver.wait(
      async () => (await driver.findElement(By.css('[data-testid="use-count"]')).getAttribute('data-value')) === '1',
      5_000,
      'Copy counts one use',
    );
    assert.equal(cliJson(db, 'prompts', 'show', stored.id).uses, 1, 'the use is stored, as the CLI sees it');
    const copied = await driver.executeScript(
      `const box = document.querySelector('[data-testid="copy-fallback"]');
       return box ? { fallback: true, text: box.value, selected: box.selectionEnd - box.selectionStart }
                  : { fallback: false, said: !!document.querySelector('[data-testid="copied"]') };`,
    );
    if (copied.fallback) {
      assert.equal(copied.text, expected, 'without a clipboard the filled text is offered');
      assert.equal(copied.selected, expected.length, 'and selected for Ctrl+C');
    } else {
      assert.ok(copied.said, 'the window says the text was copied');
    }
    screenshot('prompt-use-en');

    await click(driver, '[data-testid="rate-4"]');
    await driver.wait(
      async () => (await driver.findElement(By.css('[data-testid="rating"]')).getAttribute('data-value')) === '4',
      5_000,
      'the rating is shown',
    );
    assert.equal(cliJson(db, 'prompts', 'show', stored.id).rating, 4, 'and stored');

    // A second template, so the searches have something to rank out.
    execFileSync(CLI, ['--db', db, 'demo']);
    await openView(driver, 'prompts');
    const total = cliJson(db, 'prompts', 'list').length;
    await waitForCount(driver, '[data-testid="prompt-row"]', total, 'the sample templates are listed too');

    // Two characters: a substring match, every template naming 会議.
    await searchLibrary(driver, '会議');
    const two = await listedTitles(driver);
    const cliTwo = cliJson(db, 'prompts', 'search', '会議').hits.map((h) => h.prompt.title);
    assert.ok(two.includes(MEETING.title), 'the new template is found by 会議');
    assert.deepEqual(two, cliTwo, 'in the order the CLI ranks them');
    const marks = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="prompt-excerpt"] mark\')].map((m) => m.textContent)',
    );
    const cliMarks = cliJson(db, 'prompts', 'search', '会議').hits.flatMap((h) => h.excerpt.filter((s) => s.hit).map((s) => s.text));
    assert.deepEqual(marks, cliMarks, 'each excerpt marks the words the core marks, as <mark>');
    assert.ok(marks.length > 0 && marks.every((m) => m.includes('会議')), `the marks are the query (got ${marks})`);

    // Three characters and more go through the trigram index.
    await searchLibrary(driver, '議事録');
    const three = await listedTitles(driver);
    assert.deepEqual(three, cliJson(db, 'prompts', 'search', '議事録').hits.map((h) => h.prompt.title), 'the CLI\'s ranking');
    assert.ok(three.includes(MEETING.title) && three.length < total, 'a longer word narrows the list');
    assert.equal(await driver.findElement(By.css('[data-testid="prompt-results"]')).getAttribute('data-mode'), 'index');
    screenshot('prompt-search-en');

    // Nothing typed is FTS5 syntax: no query shows an error.
    for (const query of ['"', 'AND OR NOT (', '会議 NEAR(', '*', 'col:value ^', '\'); DROP TABLE prompts; --']) {
      await searchLibrary(driver, query);
      assert.equal(
        await driver.executeScript('return document.querySelectorAll(\'[data-testid="prompt-results"] [role="alert"]\').length'),
        0,
        `the query ${query} must not raise an error`,
      );
    }

    // A filter narrows the list without a query.
    await searchLibrary(driver, '');
    await setValue(driver, '[data-testid="prompt-filter-department"]', '営業部');
    await driver.wait(async () => {
      const shown = await listedTitles(driver);
      const want = cliJson(db, 'prompts', 'list', '--department', '営業部').map((p) => p.title);
      return JSON.stringify(shown) === JSON.stringify(want);
    }, 10_000, 'the department filter lists what the CLI lists');
    const mostUsed = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="prompts-most_used"] li\')].map((li) => li.dataset.id)',
    );
    assert.equal(mostUsed[0], stored.id, 'the one used template heads the most used list');
  });
});

test('an edit makes a version; the history shows the line diff and Restore brings it back', TIMEOUT, async () => {
  await withApp('prompt-versions', async ({ driver, db }) => {
    await openView(driver, 'prompts');
    await click(driver, '[data-testid="new-prompt"]');
    await waitFor(driver, '[data-testid="prompt-form"]');
    await fillForm(driver, 'prompt-form', { title: 'Release notes', body: 'Write release notes.\nKeep it short.' });
    await click(driver, '[data-testid="prompt-form"] [data-testid="form-submit"]');
    await waitFor(driver, '[data-testid="prompt-row"][data-title="Release notes"]');
    const [p] = cliJson(db, 'prompts', 'list');

    await click(driver, `[data-testid="prompt-row"][data-id="${p.id}"] [data-testid="edit-prompt"]`);
    await waitFor(driver, '[data-testid="prompt-form"]');
    await fillForm(driver, 'prompt-form', { body: 'Write release notes.\nList every fix.' });
    await click(driver, '[data-testid="prompt-form"] [data-testid="form-submit"]');
    await driver.wait(() => cliJson(db, 'prompts', 'show', p.id).version === 2, 5_000, 'the edit is version 2');

    await click(driver, `[data-testid="prompt-row"][data-id="${p.id}"] [data-testid="history-prompt"]`);
    await waitForCount(driver, '[data-testid="version-row"]', 2, 'both versions are listed');
    await waitFor(driver, '[data-testid="diff-line"]');
    const lines = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid="diff-line"]\')].map((l) => [l.dataset.change, l.textContent.slice(2).trimEnd()])',
    );
    const cli = JSON.parse(execFileSync(CLI, ['--db', db, 'prompts', 'show', p.id, '--diff', '1', '2', '--json'], { encoding: 'utf8' }));
    assert.deepEqual(lines, cli.map((l) => [l.change, l.text]), 'the diff is the CLI\'s');
    assert.ok(lines.some(([c, t]) => c === 'removed' && t === 'Keep it short.'), 'the removed line is marked');
    assert.ok(lines.some(([c, t]) => c === 'added' && t === 'List every fix.'), 'the added line is marked');
    screenshot('prompt-history-en');

    // Version 1 whole, as the CLI shows it.
    await click(driver, '[data-testid="version-row"][data-version="1"] [data-testid="view-version"]');
    await waitFor(driver, '[data-testid="version-text"]');
    const shown = await driver.executeScript('return document.querySelector(\'[data-testid="version-text"]\').textContent');
    const v1 = JSON.parse(execFileSync(CLI, ['--db', db, 'prompts', 'show', p.id, '--version', '1', '--json'], { encoding: 'utf8' }));
    assert.equal(v1.body, 'Write release notes.\nKeep it short.', 'the CLI shows version 1 whole');
    assert.equal(shown, v1.body, 'the window shows the same text');

    await click(driver, '[data-testid="version-row"][data-version="1"] [data-testid="restore-version"]');
    await driver.wait(() => cliJson(db, 'prompts', 'show', p.id).version === 3, 5_000, 'Restore saves a third version');
    assert.equal(cliJson(db, 'prompts', 'show', p.id).body, 'Write release notes.\nKeep it short.', 'with the first version\'s body');
  });
});

test('a library larger than a page says more match, and any template opens', TIMEOUT, async () => {
  await withApp('prompt-large', async ({ driver, db, dir }) => {
    // 205 templates, more than the list's first 200; "Zeta" sorts last.
    const templates = Array.from({ length: 205 }, (_, i) => ({
      id: '',
      title: i === 204 ? 'Zeta last template' : `Template ${String(i).padStart(3, '0')}`,
      body: `Body ${i} {{x}}`,
      department: i % 2 ? '営業部' : `部署${i}`,
      tags: [`tag${i}`],
    }));
    const file = path.join(dir, 'large.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'ai-oversight-prompts/1', templates }));
    execFileSync(CLI, ['--db', db, 'prompts', 'import', file]);
    await openView(driver, 'prompts');
    await waitFor(driver, '[data-testid="prompt-count"][data-more="yes"]');
    // The department filter offers every department, not only the first page's.
    const departments = await driver.executeScript(
      'return document.querySelectorAll(\'[data-testid="prompt-filter-department"] option\').length',
    );
    assert.equal(departments, 1 + 1 + 103, 'all, 営業部 and the 103 others');
    await searchLibrary(driver, 'Zeta');
    await click(driver, '[data-testid="prompt-row"] [data-testid="history-prompt"]');
    await waitFor(driver, '[data-testid="history-panel"]');
    assert.ok(
      (await driver.findElement(By.css('[data-testid="history-panel"] h2')).getText()).includes('Zeta last template'),
      'the history of a template past the first 200 opens',
    );
  });
});

test('markup in a template is shown as text and never runs', TIMEOUT, async () => {
  const script = '<script>window.__pwned=1</script>';
  const img = '<img src=x onerror="window.__pwned=2">';
  const link = '<a href="javascript:window.__pwned=3">click</a>';
  const title = '<b onmouseover="window.__pwned=4">Bold</b> template';
  await withApp('prompt-markup', async ({ driver, db }) => {
    await openView(driver, 'prompts');
    await click(driver, '[data-testid="new-prompt"]');
    await waitFor(driver, '[data-testid="prompt-form"]');
    await fillForm(driver, 'prompt-form', { title, body: `${script}\n${img}\n${link} {{who}}`, tags: img, department: script });
    await click(driver, '[data-testid="prompt-form"] [data-testid="form-submit"]');
    await waitForCount(driver, '[data-testid="prompt-row"]', 1);
    const [p] = cliJson(db, 'prompts', 'list');
    assert.equal(p.body, `${script}\n${img}\n${link} {{who}}`, 'the body is stored as typed');

    const noMarkup = async (where) => {
      assert.equal(
        await driver.executeScript('return document.querySelectorAll("main img, main script, main b, main a[href^=\'javascript\']").length'),
        0,
        `${where}: no element is made from the template`,
      );
    };
    const titleText = await driver.findElement(By.css('[data-testid="prompt-title"]')).getAttribute('textContent');
    assert.equal(titleText, title, 'the title is its literal text');
    await noMarkup('the list');

    await searchLibrary(driver, 'onerror');
    const excerpt = await driver.findElement(By.css('[data-testid="prompt-excerpt"]')).getAttribute('textContent');
    assert.ok(excerpt.includes('onerror'), 'the excerpt is the literal text');
    assert.ok((await driver.findElements(By.css('[data-testid="prompt-excerpt"] mark'))).length > 0, 'with the hit marked');
    await noMarkup('the search results');

    await click(driver, '[data-testid="use-prompt"]');
    await waitFor(driver, '[data-testid="use-panel"]');
    const who = await driver.findElement(By.css('[data-testid="use-input"][data-variable="who"]'));
    await who.sendKeys(img);
    await driver.wait(
      async () => (await driver.executeScript('return document.querySelector(\'[data-testid="use-preview"]\').textContent')).endsWith(`click</a> ${img}`),
      5_000,
      'a value with markup is previewed as text too',
    );
    const preview = await driver.executeScript('return document.querySelector(\'[data-testid="use-preview"]\').textContent');
    assert.ok(preview.startsWith(script), 'the preview shows the <script> as text');
    await noMarkup('the Use panel');
    screenshot('prompt-markup-en');

    // Brought to the middle first: at the very bottom edge of the window a click can miss.
    await driver.executeScript('document.querySelector(\'[data-testid="history-prompt"]\').scrollIntoView({ block: "center" })');
    await click(driver, '[data-testid="history-prompt"]');
    await driver.wait(
      () => driver.executeScript('return !!document.querySelector(\'[data-testid="history-panel"]\')'),
      10_000,
    ).catch(async (e) => {
      const said = await driver.executeScript(`const b = document.querySelector('[data-testid="history-prompt"]');
        const r = b.getBoundingClientRect(); const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return [document.querySelectorAll('[data-testid="history-prompt"]').length, JSON.stringify(r), at && at.outerHTML.slice(0, 80), window.scrollY, document.querySelector('.notice').textContent].join(' | ')`);
      throw new Error(`the history should open (notice: ${said}): ${e.message}`);
    });
    await noMarkup('the history');
    await driver.sleep(500);
    assert.equal(await driver.executeScript('return typeof window.__pwned'), 'undefined', 'nothing in a template may run');
  });
});

test('an import that meets templates already in the library asks, then keeps both or skips', TIMEOUT, async () => {
  await withApp('prompt-import', async ({ driver, db, dir }) => {
    execFileSync(CLI, ['--db', db, 'demo']);
    await openView(driver, 'prompts');
    const before = cliJson(db, 'prompts', 'list').length;

    const json = path.join(dir, 'library.json');
    const csv = path.join(dir, 'library.csv');
    const folder = path.join(dir, 'markdown');
    fs.mkdirSync(folder);
    await callHook(driver, 'exportPrompts', 'json', json);
    await callHook(driver, 'exportPrompts', 'csv', csv);
    const written = await callHook(driver, 'exportPrompts', 'markdown', folder);
    assert.equal(JSON.parse(fs.readFileSync(json, 'utf8')).templates.length, before, 'the JSON holds every template');
    assert.ok(fs.readFileSync(csv, 'utf8').includes('会議の議事録を要約する'), 'the CSV holds the Japanese titles');
    assert.equal(written, before, 'one Markdown file per template');
    assert.equal(fs.readdirSync(folder).filter((f) => f.endsWith('.md')).length, before);

    // Every template of the file is already there: the dry run stores nothing and the window asks.
    const report = await callHook(driver, 'importPrompts', json, 'json');
    assert.equal(report.dry_run, true, 'the window runs a dry run first');
    assert.equal(report.conflicts.length, before, 'every template is already in the library');
    await waitFor(driver, '[data-testid="prompt-import-choice"]', 'the window asks what to do');
    await waitForCount(driver, '[data-testid="import-conflict"]', before);
    assert.equal(cliJson(db, 'prompts', 'list').length, before, 'the dry run stores nothing');
    screenshot('prompt-import-choice-en');

    await click(driver, '[data-testid="conflict-keep_both"]');
    await click(driver, '[data-testid="confirm-prompt-import"]');
    await driver.wait(() => cliJson(db, 'prompts', 'list').length === before * 2, 10_000, 'keep both adds the file\'s beside the library\'s');
    await waitForCount(driver, '[data-testid="prompt-import-choice"]', 0, 'the question goes away');

    await callHook(driver, 'importPrompts', folder, 'markdown');
    await waitFor(driver, '[data-testid="prompt-import-choice"]');
    await click(driver, '[data-testid="conflict-skip"]');
    await click(driver, '[data-testid="confirm-prompt-import"]');
    await waitForCount(driver, '[data-testid="prompt-import-choice"]', 0);
    assert.equal(cliJson(db, 'prompts', 'list').length, before * 2, 'skip adds nothing');
  });
});

test('a review with a failed item cannot be approved; the refusal is shown and the run exports', TIMEOUT, async () => {
  await withApp('reviews', async ({ driver, db, dir }) => {
    execFileSync(CLI, ['--db', db, 'demo']);
    const template = cliJson(db, 'prompts', 'list').find((p) => p.title === '会議の議事録を要約する');

    await driver.findElement(By.css('body')).sendKeys(Key.chord(Key.ALT, Key.SHIFT, '9'));
    await waitFor(driver, '#title-reviews', 'Alt+Shift+9 should open the reviews');

    // The checklist editor: add an item, move it up, save the ordered list.
    const checklist = cliJson(db, 'checklists', 'list').find((c) => c.kind === 'copy' && c.lang === 'ja');
    await click(driver, `[data-testid="checklist-row"][data-id="${checklist.id}"] [data-testid="edit-checklist"]`);
    await waitFor(driver, '[data-testid="checklist-form"]');
    await click(driver, '[data-testid="add-item"]');
    const inputs = await driver.findElements(By.css('[data-testid="item-input"]'));
    await inputs[inputs.length - 1].sendKeys('社外秘の情報が含まれていない');
    const rows = await driver.findElements(By.css('[data-testid="item-row"]'));
    await rows[rows.length - 1].findElement(By.css('[data-testid="item-up"]')).click();
    await click(driver, '[data-testid="save-checklist"]');
    await waitForCount(driver, '[data-testid="checklist-form"]', 0, 'Save closes the editor');
    const items = cliJson(db, 'checklists', 'list').find((c) => c.id === checklist.id).items;
    assert.equal(items.length, checklist.items.length + 1, 'the item is added');
    assert.equal(items[items.length - 2], '社外秘の情報が含まれていない', 'and moved up one place');
    assert.equal(items[items.length - 1], checklist.items[checklist.items.length - 1], 'above the old last item');

    // Start a review of a deliverable made with a library template.
    await click(driver, `[data-testid="checklist-row"][data-id="${checklist.id}"] [data-testid="start-review"]`);
    await waitFor(driver, '[data-testid="review-form"]');
    await fillForm(driver, 'review-form', {
      deliverable: '12月定例会の議事録',
      department: '営業部',
      tool: 'ChatGPT',
      prompt: template.id,
      reviewer: '佐藤',
      reviewed_on: '2026-12-04',
    });
    await click(driver, '[data-testid="review-form"] [data-testid="form-submit"]');
    await waitFor(driver, '[data-testid="review-card"]');
    await waitForCount(driver, '[data-testid="review-item"]', items.length, 'one row per checklist item');

    for (let n = 1; n <= items.length; n += 1) {
      await click(driver, `[data-testid="review-item"][data-position="${n}"] [data-testid="${n === 2 ? 'mark-fail' : 'mark-pass'}"]`);
      await waitFor(driver, `[data-testid="review-item"][data-position="${n}"][data-mark="${n === 2 ? 'fail' : 'pass'}"]`);
    }
    const note = await driver.findElement(By.css('[data-testid="review-item"][data-position="2"] [data-testid="mark-note"]'));
    await note.sendKeys('固有名詞の誤り', Key.TAB);
    await driver.wait(
      () => cliJson(db, 'reviews', 'list')[0].items[1].note === '固有名詞の誤り',
      5_000,
      'the note is saved with the mark',
    );

    await click(driver, '[data-testid="approve-review"]');
    const error = await waitFor(driver, '[data-testid="review-error"]');
    await driver.wait(async () => (await error.getText()) !== '', 5_000, 'the refusal is shown');
    assert.match(await error.getText(), /failed item cannot be approved/, 'in the core\'s words');
    const [run] = cliJson(db, 'reviews', 'list');
    assert.equal(run.status, 'open', 'the refused approval changes nothing');
    assert.equal(run.prompt_id, template.id, 'the review names the template');
    screenshot('review-refused-en');

    const pdf = path.join(dir, 'review.pdf');
    const md = path.join(dir, 'review.md');
    await callHook(driver, 'exportReview', run.id, 'pdf', pdf);
    await callHook(driver, 'exportReview', run.id, 'md', md);
    assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-', 'the PDF starts with %PDF-');
    const markdown = fs.readFileSync(md, 'utf8');
    assert.ok(markdown.includes('12月定例会の議事録') && markdown.includes('固有名詞の誤り'), 'the Markdown holds the deliverable and the note');

    await click(driver, '[data-testid="reject-review"]');
    await waitFor(driver, '[data-testid="review-card"][data-status="rejected"]', 'Reject is allowed');
    assert.equal(cliJson(db, 'reviews', 'list')[0].status, 'rejected');

    // The history, by department and by template.
    execFileSync(CLI, ['--db', db, 'reviews', 'start', '--checklist', checklist.id, '--deliverable', 'Other work',
      '--department', '開発部', '--reviewer', 'Kim']);
    await openView(driver, 'reviews');
    await waitForCount(driver, '[data-testid="review-row"]', 2);
    await setValue(driver, '[data-testid="review-filter-department"]', '営業部');
    await waitForCount(driver, '[data-testid="review-row"]', 1, 'the department filter keeps its reviews');
    await setValue(driver, '[data-testid="review-filter-department"]', '');
    await waitForCount(driver, '[data-testid="review-row"]', 2);
    await setValue(driver, '[data-testid="review-filter-prompt"]', template.id);
    await waitForCount(driver, '[data-testid="review-row"]', 1, 'the template filter keeps the reviews made with it');
    assert.equal(await driver.findElement(By.css('[data-testid="review-row"]')).getAttribute('data-id'), run.id);
  });
});

test('the prompt library and the reviews render in English and Japanese with no raw catalogue key', TIMEOUT, async () => {
  const en = catalogue('en');
  const ja = catalogue('ja');
  assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort(), 'both catalogues hold the same keys');
  const keys = new Set(Object.keys(en));
  await withApp('sharing-views', async ({ driver, db }) => {
    execFileSync(CLI, ['--db', db, 'demo']);
    const prompts = cliJson(db, 'prompts', 'list');
    const meeting = prompts.find((p) => p.title === '会議の議事録を要約する');
    execFileSync(CLI, ['--db', db, 'prompts', 'use', meeting.id,
      '--set', 'meeting=定例会議', '--set', 'date=2026-12-01', '--set', 'notes=売上の確認']);
    execFileSync(CLI, ['--db', db, 'prompts', 'rate', meeting.id, '5']);
    const checklist = cliJson(db, 'checklists', 'list').find((c) => c.lang === 'ja');
    execFileSync(CLI, ['--db', db, 'reviews', 'start', '--checklist', checklist.id,
      '--deliverable', '議事録 12月', '--department', '営業部', '--reviewer', '佐藤', '--prompt', meeting.id]);
    const [started] = cliJson(db, 'reviews', 'list');
    execFileSync(CLI, ['--db', db, 'reviews', 'mark', started.id, '1', 'fail', '--note', '日付の誤り']);

    const checkText = async (where) => {
      await driver.sleep(300);
      const text = await driver.executeScript('return document.body.innerText');
      const raw = (text.match(/\b[a-z_]+\.[a-z_-]+\b/g) || []).filter((word) => keys.has(word));
      assert.deepEqual(raw, [], `${where}: every string comes from the catalogue`);
    };
    for (const lang of ['en', 'ja']) {
      await click(driver, `[data-testid="lang-${lang}"]`);
      const names = lang === 'en' ? en : ja;
      await driver.wait(async () => (await driver.findElement(By.css('[data-testid="nav-prompts"]')).getText()) === names['nav.prompts'], 5_000);

      await openView(driver, 'prompts');
      await checkText(`${lang} prompts`);
      screenshot(`prompts-${lang}`);
      await searchLibrary(driver, lang === 'ja' ? '会議' : 'meeting');
      screenshot(`prompts-search-${lang}`);
      await click(driver, `[data-testid="prompt-row"][data-id="${meeting.id}"] [data-testid="use-prompt"]`);
      await waitFor(driver, '[data-testid="use-panel"]');
      await checkText(`${lang} use`);
      screenshot(`prompts-use-${lang}`);
      await click(driver, `[data-testid="prompt-row"][data-id="${meeting.id}"] [data-testid="edit-prompt"]`);
      await waitFor(driver, '[data-testid="prompt-form"]');
      await checkText(`${lang} editor`);
      screenshot(`prompts-editor-${lang}`);
      await driver.findElement(By.css('[data-testid="prompt-form"] [name="title"]')).sendKeys(Key.ESCAPE);
      await waitForCount(driver, '[data-testid="prompt-form"]', 0, 'Escape closes the editor');

      await openView(driver, 'reviews');
      await click(driver, `[data-testid="review-row"][data-id="${started.id}"] [data-testid="open-review"]`);
      await waitFor(driver, '[data-testid="review-card"]');
      await click(driver, '[data-testid="approve-review"]');
      await driver.wait(async () => (await driver.findElement(By.css('[data-testid="review-error"]')).getText()) !== '', 5_000);
      await checkText(`${lang} reviews`);
      screenshot(`reviews-${lang}`);
      await click(driver, `[data-testid="checklist-row"][data-id="${checklist.id}"] [data-testid="edit-checklist"]`);
      await waitFor(driver, '[data-testid="checklist-form"]');
      await checkText(`${lang} checklist editor`);
      screenshot(`reviews-checklist-${lang}`);
      await click(driver, '[data-testid="cancel-checklist"]');
      await waitForCount(driver, '[data-testid="checklist-form"]', 0, 'Cancel closes the checklist editor');
    }
    await click(driver, '[data-testid="lang-en"]');
  });
});
