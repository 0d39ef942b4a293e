/**
 * Pieces the inventory views share: labels of payment kinds and lists of
 * names, all as text nodes.
 * @module views/shared
 */

import { el } from '../dom.js';
import { has, t } from '../i18n.js';

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
