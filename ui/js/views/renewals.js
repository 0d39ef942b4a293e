/**
 * The renewals screen: the next renewal of each contract and its
 * cancellation deadline (the renewal less the notice period), within 30,
 * 60 or 90 days of today, soonest first; exported as an .ics calendar.
 * The list is that of `oversight renewals --json`.
 * @module views/renewals
 */

import * as api from '../api.js';
import { el, formatCount, formatMoney } from '../dom.js';
import { lang, t } from '../i18n.js';
import { departmentLabel, saveThroughDialog } from './shared.js';

/** The view's id, used by the nav and `show`. */
export const id = 'renewals';

const WINDOWS = [30, 60, 90];

/** Kept across renders, so a language switch keeps the window. */
const state = { days: 30 };

/**
 * Renders the renewals list into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>, notify: function(string, string=): void}} app
 */
export async function render(root, app) {
  const report = await api.renewals(state.days);
  const locale = lang();

  root.append(
    el('h1', { id: 'title-renewals', text: t('renewals.title') }),
    el('p', { class: 'muted', text: t('renewals.intro') }),
    el(
      'div',
      { class: 'toolbar' },
      el(
        'div',
        { class: 'segmented', role: 'group', 'aria-label': t('renewals.window') },
        WINDOWS.map((days) =>
          el('button', {
            type: 'button',
            'aria-pressed': String(days === state.days),
            dataset: { testid: `renewals-${days}` },
            text: t('renewals.days', { days }),
            on: {
              click: () => {
                state.days = days;
                app.show(id);
              },
            },
          }),
        ),
      ),
      el('button', {
        type: 'button',
        dataset: { testid: 'export-ics' },
        text: t('renewals.export_ics'),
        on: {
          click: () =>
            saveThroughDialog(
              app,
              { title: t('renewals.save_title'), name: `renewals-${state.days}d.ics`, filter: t('renewals.calendar'), extension: 'ics' },
              (path) => exportTo(app, state.days, path),
            ),
        },
      }),
    ),
    el('p', { class: 'muted', dataset: { testid: 'renewals-range' }, text: t('renewals.range', { from: report.as_of, to: report.until }) }),
  );

  if (report.items.length === 0) {
    root.append(el('div', { class: 'card', dataset: { testid: 'renewals-none' } }, el('p', { text: t('renewals.none', { days: report.within_days }) })));
    return;
  }
  const headers = ['renewals.col_date', 'renewals.col_days_left', 'renewals.col_kind', 'contract.tool', 'contract.department', 'contract.seats', 'contracts.col_monthly', 'renewals.col_renews', 'renewals.col_terms'];
  root.append(
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data words', dataset: { testid: 'renewals-table' } },
        el('thead', {}, el('tr', {}, headers.map((k) => el('th', { scope: 'col', text: t(k) })))),
        el(
          'tbody',
          {},
          report.items.map((item) =>
            el(
              'tr',
              { class: item.kind === 'cancellation_deadline' ? 'deadline' : null, dataset: { testid: 'renewal-row', kind: item.kind } },
              el('td', { class: 'nowrap', text: item.date }),
              el('td', { class: 'num', text: t('renewals.days_left', { days: formatCount(item.days_left, locale) }) }),
              el('td', { text: t(`renewals.kind_${item.kind}`) }),
              el('th', { scope: 'row', class: 'name' }, item.tool, item.plan ? el('div', { class: 'sub', text: item.plan }) : null),
              el('td', { class: 'nowrap', text: departmentLabel(item.department) }),
              el('td', { class: 'num', text: formatCount(item.seats, locale) }),
              el('td', { class: 'num', text: item.monthly_cost ? formatMoney(item.monthly_cost, locale) : '—' }),
              el('td', { class: 'nowrap', text: item.renewal_date }),
              el('td', { text: terms(item, locale) }),
            ),
          ),
        ),
      ),
    ),
  );
}

/** "Automatic, 30 days' notice", "Automatic" or "Only when renewed". */
function terms(item, locale) {
  if (!item.auto_renew) return t('renewals.manual');
  if (item.notice_days > 0) return t('renewals.auto_notice', { days: formatCount(item.notice_days, locale) });
  return t('renewals.auto');
}

/**
 * Writes the renewals within `days` as an .ics file and says where; the
 * save dialog's path, and the tests' `window.oversight.exportRenewals`,
 * come in here.
 * @param {{notify: function(string, string=): void}} app
 * @param {number} days
 * @param {string} path
 * @returns {Promise<string>} the path written
 */
export async function exportTo(app, days, path) {
  const written = await api.exportRenewals(days, lang(), path);
  app.notify(t('renewals.exported', { path: written }));
  return written;
}
