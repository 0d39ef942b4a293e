/**
 * The contracts screen: every subscription with its price in its own
 * currency and what it costs a month in the base currency; a form to
 * add or change one (the core checks every field and the form shows each
 * refusal beside its field); delete to the trash with an Undo; import
 * from a file with its report and an Undo of the whole import; the blank
 * template; and the survey answers paid personally, offered as personal
 * contracts to confirm.
 * @module views/contracts
 */

import * as api from '../api.js';
import { el, formatCount, formatMoney, minorDigits } from '../dom.js';
import { makeForm, setSuggestions } from '../form.js';
import { lang, t } from '../i18n.js';
import { departmentLabel, fact, paymentLabel, saveThroughDialog, statusLabel } from './shared.js';

/** The view's id, used by the nav and `show`. */
export const id = 'contracts';

const CURRENCIES = ['JPY', 'USD', 'EUR', 'GBP', 'CNY', 'KRW', 'TWD', 'HKD', 'SGD', 'AUD', 'CAD', 'CHF', 'INR', 'THB', 'VND'];
const ACCOUNT_KINDS = ['company', 'expense', 'personal'];
const STATUSES = ['active', 'trial', 'cancelled', 'ended'];

/** Kept across renders, so a language switch keeps the form and the report. */
const state = {
  /** null, 'new', or the id of the contract being changed */
  editing: null,
  /** what was typed so far, by field */
  draft: null,
  /** the last import's report */
  report: null,
  /** the import whose undo waits for a second click */
  confirmUndo: false,
  /** import options */
  dryRun: false,
  currency: '',
};

/**
 * Renders the contracts screen into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>, notify: function(string, string=, Object=): void}} app
 */
export async function render(root, app) {
  const [list, catalog, departments, suggestions] = await Promise.all([
    api.listContracts(),
    api.listCatalog(),
    api.hourlyCosts(),
    api.contractSuggestions(),
  ]);

  root.append(
    el('h1', { id: 'title-contracts', text: t('contracts.title') }),
    el('p', { class: 'muted', text: t('contracts.intro') }),
    toolbar(app),
  );
  if (state.editing) root.append(contractForm(app, list, catalog, departments));
  if (state.report) root.append(reportCard(app));
  root.append(contractsTable(app, list));
  root.append(surveyCard(app, suggestions));
}

function toolbar(app) {
  return el(
    'div',
    { class: 'toolbar' },
    el('button', {
      type: 'button',
      class: 'primary',
      dataset: { testid: 'add-contract' },
      text: t('contracts.add'),
      on: {
        click: () => {
          state.editing = 'new';
          state.draft = null;
          app.show(id);
        },
      },
    }),
    el('button', {
      type: 'button',
      dataset: { testid: 'import-contracts' },
      text: t('contracts.import'),
      on: { click: () => chooseAndImport(app) },
    }),
    el(
      'label',
      { class: 'check', title: t('contracts.dry_run_help') },
      el('input', {
        type: 'checkbox',
        checked: state.dryRun,
        dataset: { testid: 'import-dry-run' },
        on: { change: (e) => (state.dryRun = e.target.checked) },
      }),
      ' ',
      t('contracts.dry_run'),
    ),
    el('label', { htmlFor: 'import-currency', text: t('contracts.import_currency') }),
    el(
      'select',
      { id: 'import-currency', on: { change: (e) => (state.currency = e.target.value) } },
      el('option', { value: '', text: t('contracts.currency_base') }),
      CURRENCIES.map((c) => el('option', { value: c, text: c, selected: c === state.currency })),
    ),
    el('span', { class: 'toolbar-gap' }),
    el('span', { class: 'muted', text: t('contracts.template') }),
    ['csv', 'xlsx'].map((format) =>
      el('button', {
        type: 'button',
        dataset: { testid: `template-${format}` },
        'aria-label': t(`contracts.template_${format}`),
        text: format.toUpperCase(),
        on: {
          click: () =>
            saveThroughDialog(
              app,
              { title: t('contracts.template_title'), name: `contracts-template.${format}`, filter: format.toUpperCase(), extension: format },
              (path) => exportTemplateTo(app, format, path),
            ),
        },
      }),
    ),
  );
}

/** The amount as the text of a form field: "30.00" for USD 3000 cents. */
function amountText(money) {
  if (!money) return '';
  const digits = minorDigits(money.currency);
  return (money.minor / 10 ** digits).toFixed(digits);
}

/** A stored contract as the form's typed text, to change it. */
function asInput(c) {
  return {
    tool: c.tool,
    plan: c.plan || '',
    department: c.department || '',
    account_kind: c.account_kind,
    seats: String(c.seats),
    unit_price: amountText(c.unit_price),
    currency: c.currency,
    billing: c.billing,
    start_date: c.start_date || '',
    renewal_date: c.renewal_date || '',
    end_date: c.end_date || '',
    auto_renew: c.auto_renew,
    notice_days: String(c.notice_days),
    status: c.status,
    owner: c.owner,
    note: c.note,
  };
}

/** The plans of the catalogue tool `typed` names (by name or alias). */
function plansOf(catalog, typed) {
  const want = typed.trim().toLowerCase();
  const tool = catalog.find((c) => c.name.toLowerCase() === want || c.aliases.some((a) => a.toLowerCase() === want));
  return tool ? tool.plans.map((p) => p.name) : [];
}

function contractForm(app, list, catalog, departments) {
  const editing = state.editing === 'new' ? null : list.find((c) => c.id === state.editing);
  if (state.editing !== 'new' && !editing) {
    state.editing = null;
    return null;
  }
  const v = state.draft || (editing ? asInput(editing) : { account_kind: 'company', status: 'active', auto_renew: true });
  const fields = [
    { name: 'tool', label: t('contract.tool'), value: v.tool, suggestions: catalog.map((c) => c.name) },
    { name: 'plan', label: t('contract.plan'), value: v.plan, suggestions: plansOf(catalog, v.tool || '') },
    { name: 'department', label: t('contract.department'), value: v.department, suggestions: departments.map((d) => d.name) },
    {
      name: 'account_kind',
      label: t('contract.account_kind'),
      kind: 'select',
      value: v.account_kind,
      options: ACCOUNT_KINDS.map((k) => [k, paymentLabel(k)]),
    },
    { name: 'seats', label: t('contract.seats'), value: v.seats, inputmode: 'numeric', placeholder: '1' },
    { name: 'unit_price', label: t('contract.unit_price'), value: v.unit_price, hint: t('contract.unit_price_hint') },
    {
      name: 'currency',
      label: t('contract.currency'),
      kind: 'select',
      value: v.currency || '',
      options: [['', t('contract.currency_auto')], ...CURRENCIES.map((c) => [c, c])],
    },
    {
      name: 'billing',
      label: t('contract.billing'),
      kind: 'select',
      value: v.billing || '',
      options: [['', t('contract.billing_auto')], ['monthly', t('billing.monthly')], ['annual', t('billing.annual')]],
    },
    { name: 'start_date', label: t('contract.start_date'), kind: 'date', value: v.start_date },
    { name: 'renewal_date', label: t('contract.renewal_date'), kind: 'date', value: v.renewal_date },
    { name: 'end_date', label: t('contract.end_date'), kind: 'date', value: v.end_date },
    { name: 'notice_days', label: t('contract.notice_days'), value: v.notice_days, inputmode: 'numeric', placeholder: '0' },
    { name: 'status', label: t('contract.status'), kind: 'select', value: v.status, options: STATUSES.map((s) => [s, statusLabel(s)]) },
    { name: 'owner', label: t('contract.owner'), value: v.owner },
    { name: 'auto_renew', label: t('contract.auto_renew'), kind: 'checkbox', value: v.auto_renew },
    { name: 'note', label: t('contract.note'), value: v.note, wide: true },
  ];

  const close = () => {
    state.editing = null;
    state.draft = null;
    app.show(id);
  };
  const { form, controls, values, focus } = makeForm({
    testid: 'contract-form',
    title: editing ? t('contracts.edit_title', { tool: editing.tool }) : t('contracts.add_title'),
    fields,
    submitLabel: editing ? t('common.save') : t('contracts.add_submit'),
    onCancel: close,
    onSubmit: async (typed) => {
      const input = { ...typed, auto_renew: typed.auto_renew ? 'yes' : 'no' };
      const saved = editing ? await api.updateContract(editing.id, input) : await api.addContract(input);
      state.editing = null;
      state.draft = null;
      await app.show(id);
      app.notify(t(editing ? 'contracts.saved' : 'contracts.added', { tool: saved.tool }));
    },
  });
  form.addEventListener('input', () => (state.draft = values()));
  form.addEventListener('change', () => (state.draft = values()));
  const tool = controls.get('tool');
  tool.addEventListener('input', () => setSuggestions(controls.get('plan'), plansOf(catalog, tool.value)));
  queueMicrotask(focus);
  return form;
}

function priceText(c, locale) {
  if (!c.unit_price) return t('contracts.price_unknown');
  const price = formatMoney(c.unit_price, locale);
  return t(c.billing === 'annual' ? 'contracts.per_seat_year' : 'contracts.per_seat_month', { price });
}

function monthlyCell(c, locale) {
  if (!c.monthly_cost_base) {
    return el('td', { class: 'num muted', title: c.unpriced || '', dataset: { testid: 'contract-monthly', value: '' }, text: t('contracts.unpriced') });
  }
  const own =
    c.monthly_cost && c.monthly_cost.currency !== c.monthly_cost_base.currency
      ? el('div', { class: 'sub', text: formatMoney(c.monthly_cost, locale) })
      : null;
  return el(
    'td',
    { class: 'num', dataset: { testid: 'contract-monthly', value: c.monthly_cost_base.minor } },
    formatMoney(c.monthly_cost_base, locale),
    own,
  );
}

function contractsTable(app, list) {
  const locale = lang();
  if (list.length === 0) {
    return el('div', { class: 'card', dataset: { testid: 'contracts-empty' } }, el('p', { text: t('contracts.none') }));
  }
  const headers = [
    'contract.tool',
    'contract.plan',
    'contract.department',
    'contract.account_kind',
    'contract.seats',
    'contracts.col_price',
    'contracts.col_monthly',
    'contract.status',
    'contracts.col_renewal',
    'contracts.col_actions',
  ];
  const rows = list.map((c) =>
    el(
      'tr',
      { dataset: { testid: 'contract-row', id: c.id } },
      el(
        'th',
        { scope: 'row', class: 'name' },
        c.tool,
        c.note ? el('div', { class: 'sub note', dataset: { testid: 'contract-note' }, text: c.note }) : null,
      ),
      el('td', { text: c.plan || '' }),
      el('td', { class: 'nowrap', dataset: { testid: 'contract-department' }, text: departmentLabel(c.department) }),
      el('td', { class: 'nowrap', text: paymentLabel(c.account_kind) }),
      el('td', { class: 'num', text: formatCount(c.seats, locale) }),
      el('td', { class: 'num', text: priceText(c, locale) }),
      monthlyCell(c, locale),
      el('td', { text: statusLabel(c.status) }),
      el(
        'td',
        { class: 'nowrap' },
        // The next renewal; a date entered long ago shows where it has got to.
        c.next_renewal || c.renewal_date || '',
        c.renewal_date && c.next_renewal && c.next_renewal !== c.renewal_date
          ? el('div', { class: 'sub', text: t('contracts.entered_renewal', { date: c.renewal_date }) })
          : null,
        c.renewal_date && !c.next_renewal ? el('div', { class: 'sub', text: t('contracts.no_renewal') }) : null,
        c.end_date ? el('div', { class: 'sub', text: t('contracts.ends', { date: c.end_date }) }) : null,
      ),
      el(
        'td',
        { class: 'row-actions' },
        el('button', {
          type: 'button',
          dataset: { testid: 'edit-contract' },
          'aria-label': t('contracts.edit_label', { tool: c.tool, department: departmentLabel(c.department) }),
          text: t('common.edit'),
          on: {
            click: () => {
              state.editing = c.id;
              state.draft = null;
              app.show(id).then(() => window.scrollTo(0, 0));
            },
          },
        }),
        el('button', {
          type: 'button',
          dataset: { testid: 'delete-contract' },
          'aria-label': t('contracts.delete_label', { tool: c.tool, department: departmentLabel(c.department) }),
          text: t('common.delete'),
          on: { click: () => remove(app, c) },
        }),
      ),
    ),
  );
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'data words contracts', dataset: { testid: 'contracts-table' } },
      el('thead', {}, el('tr', {}, headers.map((k) => el('th', { scope: 'col', text: t(k) })))),
      el('tbody', {}, rows),
    ),
  );
}

/** Moves a contract to the trash and offers to put it back. */
async function remove(app, c) {
  try {
    await api.deleteContract(c.id);
    if (state.editing === c.id) state.editing = null;
    await app.show(id);
    app.notify(t('contracts.deleted', { tool: c.tool }), 'info', {
      label: t('common.undo'),
      run: async () => {
        await api.restoreFromTrash('contract', c.id);
        await app.show(id);
        app.notify(t('contracts.restored', { tool: c.tool }));
      },
    });
  } catch (e) {
    app.notify(e.message, 'error');
  }
}

async function chooseAndImport(app) {
  try {
    const path = await api.chooseContractsFile(t('contracts.import_title'), t('contracts.import_filter'));
    if (!path) return;
    await importPath(app, path, { dry_run: state.dryRun, currency: state.currency || null });
  } catch (e) {
    app.notify(e.message, 'error');
  }
}

/**
 * Imports a contracts file and shows its report here; the open dialog's
 * path, and the tests' `window.oversight.importContracts`, come in
 * through this.
 * @param {{show: function(string): Promise<void>}} app
 * @param {string} path
 * @param {{dry_run?: boolean, currency?: string|null}} [options]
 * @returns {Promise<Object>} the report
 */
export async function importPath(app, path, options = {}) {
  const report = await api.importContracts(path, options);
  state.report = report;
  state.confirmUndo = false;
  await app.show(id);
  return report;
}

/**
 * Writes the blank template and says where; the save dialog's path, and
 * the tests' `window.oversight.exportTemplate`, come in through this.
 * @param {{notify: function(string, string=): void}} app
 * @param {'csv'|'xlsx'} format
 * @param {string} path
 * @returns {Promise<string>} the path written
 */
export async function exportTemplateTo(app, format, path) {
  const written = await api.exportTemplate(format, path);
  app.notify(t('contracts.template_saved', { path: written }));
  return written;
}

function reportCard(app) {
  const r = state.report;
  const locale = lang();
  const undo = async () => {
    if (!state.confirmUndo) {
      state.confirmUndo = true;
      await app.show(id);
      return;
    }
    try {
      const removed = await api.undoContractImport(r.batch);
      state.report = null;
      state.confirmUndo = false;
      await app.show(id);
      app.notify(t('contracts.import_undone', { count: formatCount(removed, locale) }));
    } catch (e) {
      app.notify(e.message, 'error');
    }
  };
  return el(
    'div',
    { class: 'card', dataset: { testid: 'contract-import-report' } },
    el('h2', { text: t(r.dry_run ? 'contracts.report_dry_title' : 'contracts.report_title', { file: r.file }) }),
    el(
      'dl',
      { class: 'facts' },
      fact(t('contracts.report_layout'), t(`layout.${r.layout}`)),
      fact(t('import.encoding'), r.encoding),
      fact(t('import.rows'), formatCount(r.rows, locale)),
      fact(t('import.imported'), formatCount(r.imported, locale), 'contracts-imported', r.imported),
      fact(t('import.duplicates'), formatCount(r.duplicates, locale), 'contracts-duplicates', r.duplicates),
      fact(t('contracts.report_flagged'), formatCount(r.flagged.length, locale), 'contracts-flagged', r.flagged.length),
    ),
    r.notes.length > 0
      ? el('ul', { class: 'notes', dataset: { testid: 'import-notes' } }, r.notes.map((n) => el('li', { text: n })))
      : null,
    r.flagged.length > 0
      ? el(
          'div',
          {},
          el('p', { text: t('contracts.report_flagged_help') }),
          el(
            'div',
            { class: 'table-wrap' },
            el(
              'table',
              { class: 'data words', dataset: { testid: 'contract-flagged' } },
              el('thead', {}, el('tr', {}, ['col.row', 'col.column', 'col.value', 'col.reason'].map((k) => el('th', { scope: 'col', text: t(k) })))),
              el(
                'tbody',
                {},
                r.flagged.map((f) =>
                  el('tr', {}, el('td', { class: 'num', text: f.row }), el('td', { text: f.column }), el('td', { text: f.value }), el('td', { text: f.reason })),
                ),
              ),
            ),
          ),
        )
      : el('p', { text: t('import.nothing_flagged') }),
    el(
      'div',
      { class: 'actions' },
      r.batch
        ? [
            state.confirmUndo
              ? el('span', { class: 'confirm', text: t('contracts.undo_confirm', { file: r.file, count: formatCount(r.imported, locale) }) })
              : null,
            el('button', {
              type: 'button',
              class: state.confirmUndo ? 'danger' : null,
              dataset: { testid: 'undo-contract-import' },
              text: t('contracts.undo_import'),
              on: { click: undo },
            }),
          ]
        : null,
      el('button', {
        type: 'button',
        text: t('common.dismiss'),
        on: {
          click: () => {
            state.report = null;
            state.confirmUndo = false;
            app.show(id);
          },
        },
      }),
    ),
  );
}

function surveyCard(app, suggestions) {
  const locale = lang();
  const card = el(
    'div',
    { class: 'card', dataset: { testid: 'survey-suggestions' } },
    el('h2', { text: t('contracts.survey_title') }),
    el('p', { class: 'muted', text: t('contracts.survey_help') }),
  );
  if (suggestions.length === 0) {
    card.append(el('p', { text: t('contracts.survey_none') }));
    return card;
  }
  const confirm = async (ids) => {
    try {
      const made = await api.confirmSuggestions(ids);
      await app.show(id);
      app.notify(t('contracts.survey_confirmed', { count: formatCount(made.length, locale) }));
    } catch (e) {
      app.notify(e.message, 'error');
    }
  };
  const body = el('tbody');
  for (const s of suggestions) {
    body.append(
      el(
        'tr',
        { dataset: { testid: 'suggestion-row', response: s.response_id } },
        el('td', { class: 'num', text: s.row }),
        el('td', { text: s.respondent || t('contracts.anonymous') }),
        el('td', { class: 'nowrap', text: departmentLabel(s.department) }),
        el('td', { text: s.tool }),
        el('td', { text: paymentLabel(s.account_kind) }),
        el('td', { class: 'num', text: formatMoney(s.monthly_cost, locale) }),
        el('td', { text: s.submitted_on || '' }),
        el(
          'td',
          {},
          el('button', {
            type: 'button',
            dataset: { testid: 'confirm-suggestion' },
            'aria-label': t('contracts.confirm_label', { tool: s.tool, row: s.row }),
            text: t('contracts.confirm'),
            on: { click: () => confirm([s.response_id]) },
          }),
        ),
      ),
    );
  }
  const headers = ['col.row', 'contracts.col_respondent', 'contract.department', 'contract.tool', 'contract.account_kind', 'contracts.col_monthly_answered', 'contracts.col_submitted', 'contracts.col_actions'];
  card.append(
    el(
      'div',
      { class: 'table-wrap' },
      el('table', { class: 'data words' }, el('thead', {}, el('tr', {}, headers.map((k) => el('th', { scope: 'col', text: t(k) })))), body),
    ),
    el(
      'div',
      { class: 'actions' },
      el('button', {
        type: 'button',
        dataset: { testid: 'confirm-all-suggestions' },
        text: t('contracts.confirm_all', { count: formatCount(suggestions.length, locale) }),
        on: { click: () => confirm(suggestions.map((s) => s.response_id)) },
      }),
    ),
  );
  return card;
}
