/**
 * Small helpers for building the page. Every node is made with
 * createElement and filled with textContent, so nothing a user or a
 * respondent typed is ever parsed as HTML.
 * @module dom
 */

/**
 * Makes an element.
 *
 * `attrs` keys: `class` (string), `text` (textContent), `dataset`
 * (object of data- attributes), `on` (object of event listeners), a key
 * that is a DOM property of the element (value, checked, disabled, type…)
 * is set as a property, anything else as an attribute. A `null` or
 * `undefined` value is skipped. Children may be nodes, strings (added as
 * text nodes), or nested arrays of them; `null` children are skipped.
 *
 * @param {string} tag
 * @param {Object<string, any>} [attrs]
 * @param {...(Node|string|number|null|undefined|Array)} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = String(value);
    } else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) {
        if (v !== null && v !== undefined) node.dataset[k] = String(v);
      }
    } else if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) {
        node.addEventListener(event, handler);
      }
    } else if (PROPERTIES.has(key)) {
      node[key] = value;
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

/** DOM properties that `el` sets as properties rather than attributes. */
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'type', 'htmlFor']);

/**
 * Appends children (nodes, strings, nested arrays) to a node.
 * @param {Node} node
 * @param {Array} children
 */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Removes every child of a node.
 * @param {Node} node
 */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/**
 * Puts `text` on the clipboard. False when the webview refuses (WebKitGTK
 * may), so that the caller offers the text selected for Ctrl+C instead.
 */
export async function toClipboard(text) {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The number of decimals of a currency's minor unit (JPY 0, USD 2),
 * as the browser's currency data knows it.
 * @param {string} currency ISO 4217 code
 * @returns {number}
 */
export function minorDigits(currency) {
  try {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    return format.resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

/**
 * Formats money given as a count of its minor unit.
 * @param {{currency: string, minor: number}|null|undefined} money
 * @param {string} locale e.g. "ja" or "en"
 * @returns {string} "" when there is no amount
 */
export function formatMoney(money, locale) {
  if (!money) return '';
  const digits = minorDigits(money.currency);
  const major = money.minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${money.currency}`;
  }
}

/**
 * Formats a number of hours with at most two decimals, as the CLI gives them.
 * @param {number|null|undefined} hours
 * @param {string} locale
 * @returns {string}
 */
export function formatHours(hours, locale) {
  if (hours === null || hours === undefined) return '';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(hours);
}

/**
 * Formats a whole count.
 * @param {number} n
 * @param {string} locale
 * @returns {string}
 */
export function formatCount(n, locale) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/**
 * A table from a header row and body rows of cells (nodes or text).
 * @param {Array<string>} headers
 * @param {Array<Array<Node|string|number|null>>} rows
 * @param {Object<string, any>} [attrs] attributes of the table
 * @returns {HTMLElement}
 */
export function table(headers, rows, attrs = {}) {
  return el(
    'table',
    attrs,
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
    el(
      'tbody',
      {},
      rows.map((cells) => el('tr', {}, cells.map((c) => (c instanceof Node && c.tagName === 'TD' ? c : el('td', {}, c))))),
    ),
  );
}
