/**
 * The dashboard: the inventory's headline numbers, the rates they used,
 * and on first run the two ways to get data in.
 *
 * Each number carries a stable `data-testid` and, in `data-value`, the
 * value exactly as `oversight summary --json` has it (the contract
 * headline: `oversight duplicates --json` and `renewals --json`), so the
 * end-to-end tests compare the window with the CLI.
 * @module views/dashboard
 */

import * as api from '../api.js';
import { el, formatCount, formatHours, formatMoney } from '../dom.js';
import { lang, t } from '../i18n.js';

/** The view's id, used by the nav and `show`. */
export const id = 'dashboard';

/**
 * Renders the dashboard into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>, notify: function(string, string=): void}} app
 */
export async function render(root, app) {
  const [info, summary, dupes, due] = await Promise.all([api.appInfo(), api.summary(), api.duplicates(), api.renewals(30)]);
  const locale = lang();

  root.append(el('h1', { id: 'title-dashboard', text: t('dashboard.title') }));
  if (info.empty) root.append(firstRun(app));

  root.append(
    el(
      'div',
      { class: 'stats' },
      stat('respondents', summary.respondents, formatCount(summary.respondents, locale)),
      stat('departments', summary.departments.length, formatCount(summary.departments.length, locale)),
      stat('tools', summary.tools.length, formatCount(summary.tools.length, locale)),
      stat('monthly-spend', summary.monthly_spend.minor, formatMoney(summary.monthly_spend, locale)),
      stat(
        'hours-saved',
        summary.hours_saved_per_month,
        t('units.hours', { hours: formatHours(summary.hours_saved_per_month, locale) }),
      ),
      stat('flagged', summary.flagged, formatCount(summary.flagged, locale), summary.flagged > 0),
    ),
  );

  root.append(ratesLine(summary));
  if (summary.unconverted.length > 0) {
    root.append(
      el('p', {
        class: 'warning',
        dataset: { testid: 'unconverted' },
        text: t('dashboard.unconverted', {
          amounts: summary.unconverted.map((m) => formatMoney(m, locale)).join(', '),
        }),
      }),
    );
  }
  if (summary.flagged > 0) {
    root.append(
      el(
        'p',
        {},
        el('button', {
          type: 'button',
          class: 'link',
          text: t('dashboard.fix_flagged'),
          on: { click: () => app.show('responses') },
        }),
      ),
    );
  }
  root.append(contractsCard(app, dupes, due, locale));
  if (summary.departments.length > 0) root.append(topDepartments(summary, locale));
}

/** Duplicate spend, what consolidating could save, and renewals due soon. */
function contractsCard(app, dupes, due, locale) {
  const link = (view, key) => el('button', { type: 'button', class: 'link', text: t(key), on: { click: () => app.show(view) } });
  const soon = due.items.slice(0, 5);
  return el(
    'div',
    { class: 'card', dataset: { testid: 'contracts-headline' } },
    el('h2', { text: t('dashboard.contracts') }),
    el(
      'div',
      { class: 'stats' },
      stat('duplicate-monthly-cost', dupes.duplicate_monthly_cost.minor, formatMoney(dupes.duplicate_monthly_cost, locale)),
      stat(
        'possible-saving',
        dupes.monthly_saving.minor,
        formatMoney(dupes.monthly_saving, locale),
        false,
        t('dashboard.possible-saving-year', { amount: formatMoney(dupes.yearly_saving, locale) }),
      ),
      stat('renewals-due', due.items.length, formatCount(due.items.length, locale), due.items.length > 0),
    ),
    soon.length > 0
      ? el(
          'ul',
          { class: 'soon', dataset: { testid: 'renewals-soon' } },
          soon.map((item) =>
            el(
              'li',
              {},
              el('span', { class: 'nowrap', text: item.date }),
              ' ',
              t(`renewals.kind_${item.kind}`),
              ': ',
              item.plan ? `${item.tool} ${item.plan}` : item.tool,
              item.department ? ` (${item.department})` : '',
            ),
          ),
        )
      : null,
    el('p', { class: 'actions' }, link('duplicates', 'dashboard.see_duplicates'), link('renewals', 'dashboard.see_renewals'), link('contracts', 'dashboard.see_contracts')),
  );
}

function stat(testid, raw, text, warn = false, note = null) {
  return el(
    'div',
    { class: warn ? 'stat stat-warn' : 'stat' },
    el('div', { class: 'stat-label', text: t(`dashboard.${testid}`) }),
    el('div', { class: 'stat-value', dataset: { testid, value: raw }, text }),
    note ? el('div', { class: 'stat-note', text: note }) : null,
  );
}

function ratesLine(summary) {
  const base = summary.base_currency;
  const parts = summary.rates_used.map((r) =>
    t('dashboard.rate', { currency: r.currency, rate: r.rate, base, as_of: r.as_of }),
  );
  const text = parts.length > 0 ? t('dashboard.rates_used', { rates: parts.join(' · ') }) : t('dashboard.no_rates', { base });
  return el('p', { class: 'muted', dataset: { testid: 'rates-used' }, text });
}

function firstRun(app) {
  const status = el('p', { class: 'muted', role: 'status' });
  const demoButton = el('button', {
    type: 'button',
    class: 'primary',
    dataset: { testid: 'load-demo' },
    text: t('dashboard.load_demo'),
    on: {
      click: async () => {
        demoButton.disabled = true;
        status.textContent = t('common.working');
        try {
          const report = await api.loadDemo();
          await app.show('dashboard');
          app.notify(t('dashboard.demo_loaded', report));
        } catch (e) {
          demoButton.disabled = false;
          status.textContent = '';
          app.notify(e.message, 'error');
        }
      },
    },
  });
  return el(
    'div',
    { class: 'card first-run', dataset: { testid: 'first-run' } },
    el('h2', { text: t('dashboard.welcome') }),
    el('p', { text: t('dashboard.welcome_text') }),
    el(
      'div',
      { class: 'actions' },
      demoButton,
      el('button', {
        type: 'button',
        dataset: { testid: 'go-import' },
        text: t('dashboard.import_survey'),
        on: { click: () => app.show('import') },
      }),
    ),
    status,
  );
}

function topDepartments(summary, locale) {
  const rows = [...summary.departments]
    .sort((a, b) => b.respondents - a.respondents)
    .map((d) => [
      d.name,
      formatCount(d.respondents, locale),
      formatCount(d.tools, locale),
      formatMoney(d.monthly_spend, locale),
      t('units.hours', { hours: formatHours(d.hours_saved_per_month, locale) }),
    ]);
  return el(
    'div',
    { class: 'card' },
    el('h2', { text: t('dashboard.by_department') }),
    el(
      'table',
      { class: 'data' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ['col.department', 'col.respondents', 'col.tools', 'col.monthly_spend', 'col.hours_saved'].map((k) =>
            el('th', { scope: 'col', text: t(k) }),
          ),
        ),
      ),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c, i) => el('td', { class: i > 0 ? 'num' : null, text: c }))))),
    ),
  );
}
