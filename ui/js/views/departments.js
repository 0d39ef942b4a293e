/**
 * The departments screen: per department, who answered, which tools
 * they use, how those are paid, what they cost, the hours they save and
 * what people find hard.
 * @module views/departments
 */

import * as api from '../api.js';
import { el, formatCount, formatHours, formatMoney } from '../dom.js';
import { lang, t } from '../i18n.js';
import { countChips, emptyState, nameChips, paymentLabel } from './shared.js';

/** The view's id, used by the nav and `show`. */
export const id = 'departments';

/**
 * Renders the departments table into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>}} app
 */
export async function render(root, app) {
  const summary = await api.summary();
  const locale = lang();
  root.append(el('h1', { id: 'title-departments', text: t('departments.title') }));
  if (summary.departments.length === 0) {
    root.append(emptyState(app));
    return;
  }

  const headers = [
    'col.department',
    'col.respondents',
    'col.tools',
    'col.payments',
    'col.monthly_spend',
    'col.hours_saved',
    'col.challenges',
  ];
  const rows = summary.departments.map((d) =>
    el(
      'tr',
      { dataset: { testid: 'department-row', name: d.name } },
      el('th', { scope: 'row', class: 'name', text: d.name }),
      el('td', { class: 'num', text: formatCount(d.respondents, locale) }),
      el('td', {}, el('span', { class: 'count', text: formatCount(d.tools, locale) }), nameChips(d.tool_names)),
      el('td', {}, countChips(d.payments.map((p) => ({ label: paymentLabel(p.kind), count: p.respondents })))),
      el('td', { class: 'num', text: formatMoney(d.monthly_spend, locale) }),
      el('td', { class: 'num', text: t('units.hours', { hours: formatHours(d.hours_saved_per_month, locale) }) }),
      el('td', {}, countChips(d.challenges.map((c) => ({ label: c.name, count: c.respondents })))),
    ),
  );
  root.append(
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data', dataset: { testid: 'departments-table' } },
        el('thead', {}, el('tr', {}, headers.map((k) => el('th', { scope: 'col', text: t(k) })))),
        el('tbody', {}, rows),
      ),
    ),
  );
}
