/**
 * Pieces the views share: labels of stored codes (payment kinds,
 * statuses, categories), lists of names, facts, the rates line and the
 * save dialog, all as text nodes.
 * @module views/shared
 */

import * as api from '../api.js';
import { el } from '../dom.js';
import { has, lang, t } from '../i18n.js';

/**
 * The label of a payment kind (company, expense, personal, free, other,
 * unknown); a kind the catalogue does not know is shown as it came.
 * @param {string} kind
 * @returns {string}
 */
export function paymentLabel(kind) {
  return has(`payment.${kind}`) ? t(`payment.${kind}`) : kind;
}

/**
 * A list of "label N" chips, e.g. payment kinds with their respondents.
 * @param {Array<{label: string, count: number}>} items
 * @returns {HTMLElement}
 */
export function countChips(items) {
  return el(
    'ul',
    { class: 'chips' },
    items.map((item) => el('li', { class: 'chip' }, el('span', { text: item.label }), ' ', el('span', { class: 'chip-count', text: item.count }))),
  );
}

/**
 * A list of names as chips.
 * @param {Array<string>} names
 * @returns {HTMLElement}
 */
export function nameChips(names) {
  return el('ul', { class: 'chips' }, names.map((name) => el('li', { class: 'chip', text: name })));
}

/**
 * A paragraph saying there is nothing to show yet, with a way to import.
 * @param {{show: function(string): Promise<void>}} app
 * @returns {HTMLElement}
 */
export function emptyState(app) {
  return el(
    'div',
    { class: 'card' },
    el('p', { text: t('common.no_data') }),
    el('button', { type: 'button', text: t('dashboard.import_survey'), on: { click: () => app.show('import') } }),
  );
}

/**
 * The label of a contract's status (trial, active, cancelled, ended).
 * @param {string} status
 * @returns {string}
 */
export function statusLabel(status) {
  return has(`status.${status}`) ? t(`status.${status}`) : status;
}

/**
 * A department's name, or "(no department)" for the blank one.
 * @param {string|null|undefined} name
 * @returns {string}
 */
export function departmentLabel(name) {
  return name ? name : t('common.no_department');
}

/**
 * Asks where to save a file, then writes it with `write(path)` and says
 * where it went. Nothing happens when the dialog is cancelled.
 * @param {{notify: function(string, string=): void}} app
 * @param {{title: string, name: string, filter: string, extension: string}} dialog
 * @param {function(string): Promise<string>} write gets the path, returns the path written
 */
export async function saveThroughDialog(app, dialog, write) {
  try {
    const path = await api.chooseSavePath(dialog.title, dialog.name, dialog.filter, dialog.extension);
    if (!path) return;
    await write(path);
  } catch (e) {
    app.notify(e.message, 'error');
  }
}

/**
 * A read-only fact: a label over a value, with an optional test id and
 * raw value (`data-value`) for the end-to-end tests.
 * @param {string} label
 * @param {string} text
 * @param {string} [testid]
 * @param {string|number} [raw]
 * @returns {HTMLElement}
 */
export function fact(label, text, testid, raw) {
  return el('div', { class: 'fact' }, el('dt', { text: label }), el('dd', { dataset: { testid, value: raw }, text }));
}

/**
 * "Totals in the base currency, using 1 USD = 150 JPY (2026-12-01)", or
 * that no rate was needed.
 * @param {Array<{currency: string, rate: string|number, as_of: string}>} rates
 * @param {string} base
 * @returns {string}
 */
export function ratesText(rates, base) {
  const parts = (rates || []).map((r) => t('dashboard.rate', { currency: r.currency, rate: r.rate, base, as_of: r.as_of }));
  return parts.length > 0 ? t('dashboard.rates_used', { rates: parts.join(' · ') }) : t('dashboard.no_rates', { base });
}

/**
 * The label of a tool category (chat, coding, translation …); one the
 * catalogue does not know is shown as it is stored.
 * @param {string|null|undefined} category
 * @returns {string}
 */
export function categoryLabel(category) {
  if (!category) return '';
  return has(`category.${category}`) ? t(`category.${category}`) : category;
}

/**
 * Sentences run together as the language writes them: with a space in
 * English, without one after "。" in Japanese.
 * @param {Array<string>} parts
 * @returns {string}
 */
export function sentences(parts) {
  return parts.filter(Boolean).join(lang() === 'ja' ? '' : ' ');
}
