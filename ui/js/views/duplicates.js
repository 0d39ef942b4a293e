/**
 * The duplicates screen: each product held as several contracts today,
 * who holds it, what it costs the company a month now, the cheapest team
 * or enterprise plan in the catalogue covering every seat (its minimum
 * seats billed), what that would cost, and the saving a month and a
 * year; a group that saves nothing says so. Two tools of one category in
 * one department are listed apart, as questions. The numbers are those
 * of `oversight duplicates --json`; the list exports as CSV and XLSX.
 * @module views/duplicates
 */

import * as api from '../api.js';
import { el, formatCount, formatMoney } from '../dom.js';
import { lang, t } from '../i18n.js';
import { categoryLabel, departmentLabel, fact, nameChips, paymentLabel, ratesText, saveThroughDialog, sentences, statusLabel } from './shared.js';

/** The view's id, used by the nav and `show`. */
export const id = 'duplicates';

/**
 * Renders the duplicate groups into `root`.
 * @param {HTMLElement} root
 * @param {{notify: function(string, string=): void}} app
 */
export async function render(root, app) {
  const report = await api.duplicates();
  const locale = lang();
  const money = (m) => formatMoney(m, locale);

  root.append(
    el('h1', { id: 'title-duplicates', text: t('duplicates.title') }),
    el('p', { class: 'muted', text: t('duplicates.intro') }),
    el(
      'div',
      { class: 'stats' },
      stat('duplicate-cost', t('duplicates.duplicate_cost'), report.duplicate_monthly_cost, money),
      stat('duplicate-saving', t('duplicates.monthly_saving'), report.monthly_saving, money),
      stat('duplicate-yearly-saving', t('duplicates.yearly_saving'), report.yearly_saving, money),
    ),
    el('p', {
      class: 'muted',
      text: sentences([
        t('duplicates.as_of', { date: report.as_of }),
        t(report.prices_include_tax ? 'common.tax_included' : 'common.tax_excluded'),
        ratesText(report.rates_used, report.base_currency),
      ]),
    }),
    el(
      'div',
      { class: 'actions' },
      ['csv', 'xlsx'].map((format) =>
        el('button', {
          type: 'button',
          dataset: { testid: `export-duplicates-${format}` },
          text: t(`duplicates.export_${format}`),
          on: {
            click: () =>
              saveThroughDialog(
                app,
                { title: t('duplicates.save_title'), name: `duplicates.${format}`, filter: format.toUpperCase(), extension: format },
                (path) => exportTo(app, format, path),
              ),
          },
        }),
      ),
    ),
  );

  if (report.groups.length === 0) {
    root.append(el('div', { class: 'card', dataset: { testid: 'no-duplicates' } }, el('p', { text: t('duplicates.none') })));
  }
  for (const group of report.groups) root.append(groupCard(group, locale));
  root.append(overlapsCard(report.overlaps, locale));
}

function stat(testid, label, value, money) {
  return el(
    'div',
    { class: 'stat' },
    el('div', { class: 'stat-label', text: label }),
    el('div', { class: 'stat-value', dataset: { testid, value: value.minor }, text: money(value) }),
  );
}

/** The group's finding, in the window's language, from its numbers. */
export function verdict(group, locale) {
  const money = (m) => formatMoney(m, locale);
  if (group.unpriced > 0) return t('duplicates.verdict_unpriced', { count: group.unpriced });
  if (!group.plan) return t('duplicates.verdict_no_plan');
  const p = group.plan;
  if (group.saves) {
    return t('duplicates.verdict_saves', { plan: p.name, seats: p.seats_billed, saving: money(group.monthly_saving) });
  }
  if (p.seats_billed > group.seats) {
    return t('duplicates.verdict_min_seats', { plan: p.name, min: p.min_seats, cost: money(group.plan_monthly_cost) });
  }
  return t('duplicates.verdict_costs_more', { plan: p.name, seats: p.seats_billed, cost: money(group.plan_monthly_cost) });
}

function groupCard(g, locale) {
  const money = (m) => (m ? formatMoney(m, locale) : '—');
  const p = g.plan;
  const planText = p
    ? t('duplicates.plan_choice', {
        plan: p.name,
        seats: formatCount(p.seats_billed, locale),
        price: t(p.billing === 'annual' ? 'contracts.per_seat_year' : 'contracts.per_seat_month', { price: formatMoney(p.price, locale) }),
      })
    : '—';
  const members = g.contracts.map((c) =>
    el(
      'tr',
      { dataset: { testid: 'duplicate-member' } },
      el('td', { class: 'nowrap', text: departmentLabel(c.department) }),
      el('td', { text: paymentLabel(c.account_kind) }),
      el('td', { text: c.plan || '' }),
      el('td', { class: 'num', text: formatCount(c.seats, locale) }),
      el('td', { text: statusLabel(c.status) }),
      el('td', { class: 'num', text: money(c.monthly_cost_original) }),
      el('td', { class: 'num', text: money(c.monthly_cost) }),
    ),
  );
  const headers = ['contract.department', 'contract.account_kind', 'contract.plan', 'contract.seats', 'contract.status', 'duplicates.col_own', 'duplicates.col_base'];
  return el(
    'section',
    { class: g.saves ? 'card group saves' : 'card group', dataset: { testid: 'duplicate-group', product: g.product } },
    el('h2', {}, g.product, g.vendor ? el('span', { class: 'muted vendor', text: ` ${g.vendor}` }) : null),
    el('p', { class: g.saves ? 'verdict verdict-saves' : 'verdict', dataset: { testid: 'group-verdict' }, text: verdict(g, locale) }),
    el(
      'dl',
      { class: 'facts' },
      el('div', { class: 'fact' }, el('dt', { text: t('col.departments') }), el('dd', {}, nameChips(g.departments.map(departmentLabel)))),
      fact(t('contract.seats'), formatCount(g.seats, locale), 'group-seats', g.seats),
      fact(t('duplicates.now'), formatMoney(g.monthly_cost, locale), 'group-monthly-cost', g.monthly_cost.minor),
      g.staff_paid_monthly.minor > 0 ? fact(t('duplicates.staff_paid'), formatMoney(g.staff_paid_monthly, locale)) : null,
      fact(t('duplicates.plan'), planText, 'group-plan'),
      fact(t('duplicates.plan_cost'), money(g.plan_monthly_cost), 'group-plan-cost', g.plan_monthly_cost ? g.plan_monthly_cost.minor : ''),
      fact(t('duplicates.monthly_saving'), formatMoney(g.monthly_saving, locale), 'group-monthly-saving', g.monthly_saving.minor),
      fact(t('duplicates.yearly_saving'), formatMoney(g.yearly_saving, locale), 'group-yearly-saving', g.yearly_saving.minor),
    ),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data words' },
        el('thead', {}, el('tr', {}, headers.map((k) => el('th', { scope: 'col', text: t(k) })))),
        el('tbody', {}, members),
      ),
    ),
  );
}

function overlapsCard(overlaps, locale) {
  const card = el('section', { class: 'card', dataset: { testid: 'overlaps' } }, el('h2', { text: t('duplicates.overlaps_title') }));
  if (overlaps.length === 0) {
    card.append(el('p', { class: 'muted', text: t('duplicates.overlaps_none') }));
    return card;
  }
  card.append(
    el('p', { class: 'muted', text: t('duplicates.overlaps_help') }),
    el(
      'ul',
      { class: 'questions' },
      overlaps.map((o) =>
        el('li', {
          dataset: { testid: 'overlap' },
          text: t('duplicates.overlap', {
            department: departmentLabel(o.department),
            count: o.tools.length,
            category: categoryLabel(o.category),
            tools: o.tools.join(lang() === 'ja' ? '、' : ', '),
            cost: formatMoney(o.monthly_cost, locale),
          }),
        }),
      ),
    ),
  );
  return card;
}

/**
 * Writes today's duplicates list and says where; the save dialog's path,
 * and the tests' `window.oversight.exportDuplicates`, come in here.
 * @param {{notify: function(string, string=): void}} app
 * @param {'csv'|'xlsx'} format
 * @param {string} path
 * @returns {Promise<string>} the path written
 */
export async function exportTo(app, format, path) {
  const written = await api.exportDuplicates(format, lang(), path);
  app.notify(t('duplicates.exported', { path: written }));
  return written;
}
