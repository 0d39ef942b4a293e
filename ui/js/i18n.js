/**
 * The English and Japanese catalogues, and the language in use.
 *
 * Every string the user sees comes from `i18n/en.json` or `i18n/ja.json`
 * (the same keys in both). The language starts from the OS (Japanese when
 * `navigator.language` starts with "ja") until the user picks one, which
 * is kept in localStorage.
 * @module i18n
 */

/** The languages the app speaks. */
export const LANGUAGES = ['en', 'ja'];

const STORAGE_KEY = 'oversight.lang';
const catalogues = {};
const listeners = [];
let current = 'en';

/**
 * Loads both catalogues and picks the starting language: the user's
 * saved choice, else the OS language.
 * @param {string|null} [osLocale] the OS's language tag, e.g. "ja-JP"
 * @returns {Promise<void>}
 */
export async function init(osLocale) {
  await Promise.all(
    LANGUAGES.map(async (lang) => {
      const response = await fetch(new URL(`../i18n/${lang}.json`, import.meta.url));
      catalogues[lang] = await response.json();
    }),
  );
  let saved = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null;
  }
  const os = osLocale || navigator.language || '';
  const fromOs = os.toLowerCase().startsWith('ja') ? 'ja' : 'en';
  apply(LANGUAGES.includes(saved) ? saved : fromOs);
}

/**
 * The language in use.
 * @returns {'en'|'ja'}
 */
export function lang() {
  return current;
}

/**
 * Switches language, remembers it and tells the listeners.
 * @param {'en'|'ja'} next
 */
export function setLang(next) {
  if (!LANGUAGES.includes(next) || next === current) return;
  apply(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // A store that refuses writes only costs remembering the choice.
  }
  for (const listener of listeners) listener(next);
}

/**
 * Calls `listener(lang)` after every switch.
 * @param {function(string): void} listener
 */
export function onChange(listener) {
  listeners.push(listener);
}

/**
 * The text for `key` in the current language, with `{name}` placeholders
 * filled from `params`. Falls back to English, then to the key itself, so
 * a missing string shows up rather than vanishing.
 * @param {string} key
 * @param {Object<string, string|number>} [params]
 * @returns {string}
 */
export function t(key, params = {}) {
  const text = catalogues[current]?.[key] ?? catalogues.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * Whether the catalogue has `key` (used for optional labels such as
 * field names the core may add later).
 * @param {string} key
 * @returns {boolean}
 */
export function has(key) {
  return key in (catalogues[current] || {});
}

function apply(next) {
  current = next;
  document.documentElement.lang = next;
}
