/**
 * The tools screen: per AI tool, who uses it, in which departments, how
 * it is paid and what it costs a month.
 * @module views/tools
 */

import * as api from '../api.js';
import { el, formatCount, formatMoney } from '../dom.js';
import { lang, t } from '../i18n.js';
import { countChips, emptyState, nameChips, paymentLabel } from './shared.js';

/** The view's id, used by the nav and `show`. */
export const id = 'tools';

/**
 * Renders the tools table into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>}} app
 */
export async function render(root, app) {
  const summary = await api.summary();
  const locale = lang();
  root.append(el('h1', { id: 'title-tools', text: t('tools.title') }));
  if (summary.tools.length === 0) {
    root.append(emptyState(app));
    return;
  }

  const headers = ['col.tool', 'col.respondents', 'col.departments', 'col.payments', 'col.monthly_spend'];
  const rows = summary.tools.map((tool) =>
    el(
      'tr',
      { dataset: { testid: 'tool-row', name: tool.name } },
      el('th', { scope: 'row', class: 'name', text: tool.name }),
      el('td', { class: 'num', text: formatCount(tool.respondents, locale) }),
      el('td', {}, el('span', { class: 'count', text: formatCount(tool.departments, locale) }), nameChips(tool.department_names)),
      el('td', {}, countChips(tool.payments.map((p) => ({ label: paymentLabel(p.kind), count: p.respondents })))),
      el('td', { class: 'num', text: formatMoney(tool.monthly_spend, locale) }),
    ),
  );
  root.append(
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data', dataset: { testid: 'tools-table' } },
        el('thead', {}, el('tr', {}, headers.map((k) => el('th', { scope: 'col', text: t(k) })))),
        el('tbody', {}, rows),
      ),
    ),
  );
}
