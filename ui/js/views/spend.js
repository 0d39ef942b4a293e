/**
 * The spend screen: what the company pays for AI tools month by month,
 * by department or by tool, from the contracts (the same numbers as
 * `oversight spend --json`). The range starts as the current fiscal year.
 * @module views/spend
 */

import * as api from '../api.js';
import { el, formatMoney } from '../dom.js';
import { lang, t } from '../i18n.js';
import { departmentLabel, ratesText, sentences } from './shared.js';

/** The view's id, used by the nav and `show`. */
export const id = 'spend';

/** Kept across renders, so a language switch keeps the choices. */
const state = { by: 'department', from: null, to: null };

const pad = (n) => String(n).padStart(2, '0');

/** The fiscal year holding today, as [first month, last month]. */
function fiscalYear(startMonth) {
  const now = new Date();
  let year = now.getFullYear();
  if (now.getMonth() + 1 < startMonth) year -= 1;
  const end = new Date(year, startMonth - 1 + 11, 1);
  return [`${year}-${pad(startMonth)}`, `${end.getFullYear()}-${pad(end.getMonth() + 1)}`];
}

/**
 * Renders the spend table into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>, notify: function(string, string=): void}} app
 */
export async function render(root, app) {
  if (!state.from || !state.to) {
    const settings = await api.getSettings();
    [state.from, state.to] = fiscalYear(Number(settings.fiscal_year_start_month) || 4);
  }
  root.append(el('h1', { id: 'title-spend', text: t('spend.title') }), el('p', { class: 'muted', text: t('spend.intro') }));

  const by = el(
    'select',
    { id: 'spend-by', dataset: { testid: 'spend-by' } },
    ['department', 'tool'].map((b) => el('option', { value: b, text: t(`spend.by_${b}`), selected: b === state.by })),
  );
  const month = (key) =>
    el('input', { type: 'month', id: `spend-${key}`, value: state[key], placeholder: 'YYYY-MM', dataset: { testid: `spend-${key}` } });
  const from = month('from');
  const to = month('to');
  root.append(
    el(
      'form',
      {
        class: 'toolbar',
        on: {
          submit: (e) => {
            e.preventDefault();
            state.by = by.value;
            state.from = from.value.trim();
            state.to = to.value.trim();
            app.show(id);
          },
        },
      },
      el('label', { htmlFor: 'spend-by', text: t('spend.by') }),
      by,
      el('label', { htmlFor: 'spend-from', text: t('spend.from') }),
      from,
      el('label', { htmlFor: 'spend-to', text: t('spend.to') }),
      to,
      el('button', { type: 'submit', class: 'primary', text: t('spend.show') }),
    ),
  );

  let report;
  try {
    report = await api.spend(state.by, state.from, state.to);
  } catch (e) {
    root.append(el('p', { class: 'field-error', role: 'alert', text: e.message }));
    return;
  }
  root.append(...spendTable(report));
}

function spendTable(report) {
  const locale = lang();
  const months = Object.keys(report.months);
  const money = (m) => formatMoney(m, locale);
  const monthLabel = (m) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short' }).format(new Date(`${m}-01T00:00:00`));
  const nameOf = (row) => (report.by === 'department' ? departmentLabel(row.name) : row.name);

  const parts = [
    el('p', {
      class: 'muted',
      dataset: { testid: 'spend-basis' },
      text: sentences([t(report.prices_include_tax ? 'common.tax_included' : 'common.tax_excluded'), ratesText(report.rates_used, report.base_currency)]),
    }),
  ];
  if (report.rows.length === 0) {
    parts.push(el('div', { class: 'card' }, el('p', { text: t('spend.none') })));
  } else {
    parts.push(
      el(
        'div',
        { class: 'table-wrap' },
        el(
          'table',
          { class: 'data words spend', dataset: { testid: 'spend-table' } },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col', text: t(report.by === 'department' ? 'col.department' : 'col.tool') }),
              months.map((m) => el('th', { scope: 'col', class: 'num', text: monthLabel(m) })),
              el('th', { scope: 'col', class: 'num', text: t('spend.total') }),
            ),
          ),
          el(
            'tbody',
            {},
            report.rows.map((row) =>
              el(
                'tr',
                { dataset: { testid: 'spend-row', name: row.name } },
                el('th', { scope: 'row', class: 'name', text: nameOf(row) }),
                months.map((m) => el('td', { class: 'num', text: money(row.months[m]) })),
                el('td', { class: 'num total', dataset: { value: row.total.minor }, text: money(row.total) }),
              ),
            ),
          ),
          el(
            'tfoot',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'row', text: t('spend.total') }),
              months.map((m) => el('td', { class: 'num', text: money(report.months[m]) })),
              el('td', { class: 'num total', dataset: { testid: 'spend-total', value: report.total.minor }, text: money(report.total) }),
            ),
          ),
        ),
      ),
    );
  }
  if (report.unpriced.length > 0) {
    parts.push(
      el(
        'div',
        { class: 'warning', dataset: { testid: 'spend-unpriced' } },
        el('p', { text: t('spend.unpriced') }),
        el(
          'ul',
          {},
          report.unpriced.map((u) => el('li', { text: `${u.tool} — ${departmentLabel(u.department)}: ${u.reason}` })),
        ),
      ),
    );
  }
  return parts;
}
