/**
 * The settings screen: base currency, exchange rates with their as-of
 * date, the fiscal year start, whether contract prices include
 * consumption tax (and its rate), and where the data and logs live.
 * @module views/settings
 */

import * as api from '../api.js';
import { el } from '../dom.js';
import { lang, t } from '../i18n.js';

/** The view's id, used by the nav and `show`. */
export const id = 'settings';

const CURRENCIES = ['JPY', 'USD', 'EUR', 'GBP', 'CNY', 'KRW', 'TWD', 'HKD', 'SGD', 'AUD', 'CAD', 'CHF', 'INR', 'THB', 'VND'];

/**
 * Renders the settings forms into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>, notify: function(string, string=): void}} app
 */
export async function render(root, app) {
  const [settings, info] = await Promise.all([api.getSettings(), api.appInfo()]);
  root.append(el('h1', { id: 'title-settings', text: t('settings.title') }));

  const save = (work, message) => async (e) => {
    e.preventDefault();
    try {
      await work();
      // The message goes after the new render, which clears old ones.
      await app.show('settings');
      app.notify(message);
    } catch (err) {
      app.notify(err.message, 'error');
    }
  };

  const base = el(
    'select',
    { id: 'base-currency', dataset: { testid: 'base-currency' } },
    CURRENCIES.map((c) => el('option', { value: c, text: c, selected: c === settings.base_currency })),
  );
  const month = el(
    'select',
    { id: 'fiscal-month', dataset: { testid: 'fiscal-month' } },
    Array.from({ length: 12 }, (_, i) => i + 1).map((m) =>
      el('option', {
        value: String(m),
        text: new Intl.DateTimeFormat(lang(), { month: 'long' }).format(new Date(2026, m - 1, 1)),
        selected: m === Number(settings.fiscal_year_start_month),
      }),
    ),
  );
  const includesTax = el('input', {
    type: 'checkbox',
    id: 'prices-include-tax',
    checked: Boolean(settings.prices_include_tax),
    dataset: { testid: 'prices-include-tax' },
  });
  const taxPercent = el('input', {
    type: 'text',
    id: 'tax-percent',
    inputmode: 'numeric',
    value: String(settings.consumption_tax_percent),
    dataset: { testid: 'tax-percent' },
  });
  const general = el(
    'form',
    {
      class: 'card',
      on: {
        submit: save(async () => {
          await api.setSetting('base_currency', base.value);
          await api.setSetting('fiscal_year_start_month', month.value);
          await api.setSetting('prices_include_tax', includesTax.checked ? 'true' : 'false');
          await api.setSetting('consumption_tax_percent', taxPercent.value.trim());
        }, t('settings.saved')),
      },
    },
    el('h2', { text: t('settings.general') }),
    el('div', { class: 'form-row' }, el('label', { htmlFor: 'base-currency', text: t('settings.base_currency') }), base),
    el('div', { class: 'form-row' }, el('label', { htmlFor: 'fiscal-month', text: t('settings.fiscal_start') }), month),
    el(
      'div',
      { class: 'form-row' },
      el('span', { class: 'form-label', text: t('settings.tax') }),
      el('label', { class: 'check', htmlFor: 'prices-include-tax' }, includesTax, ' ', t('settings.prices_include_tax')),
    ),
    el(
      'div',
      { class: 'form-row' },
      el('label', { htmlFor: 'tax-percent', text: t('settings.tax_percent') }),
      taxPercent,
      el('span', { class: 'muted', text: t('settings.tax_help') }),
    ),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: t('common.save') })),
  );

  const usd = settings.rates.find((r) => r.currency === 'USD');
  const currency = el(
    'select',
    { id: 'rate-currency' },
    CURRENCIES.filter((c) => c !== settings.base_currency).map((c) => el('option', { value: c, text: c, selected: c === 'USD' })),
  );
  const rate = el('input', {
    type: 'text',
    id: 'rate-value',
    inputmode: 'decimal',
    required: true,
    value: usd ? String(usd.rate) : '',
    dataset: { testid: 'rate-value' },
  });
  const asOf = el('input', { type: 'date', id: 'rate-as-of', value: usd ? usd.as_of : '' });
  const rates = el(
    'form',
    {
      class: 'card',
      on: { submit: save(() => api.setRate(currency.value, rate.value.trim(), asOf.value || null), t('settings.rate_saved')) },
    },
    el('h2', { text: t('settings.rates') }),
    el('p', { class: 'muted', text: t('settings.rates_help', { base: settings.base_currency }) }),
    settings.rates.length > 0
      ? el(
          'table',
          { class: 'data' },
          el('thead', {}, el('tr', {}, ['settings.currency', 'settings.rate', 'settings.as_of'].map((k) => el('th', { scope: 'col', text: t(k) })))),
          el('tbody', {}, settings.rates.map((r) => el('tr', {}, [r.currency, String(r.rate), r.as_of].map((c) => el('td', { text: c }))))),
        )
      : el('p', { text: t('settings.no_rates') }),
    el('div', { class: 'form-row' }, el('label', { htmlFor: 'rate-currency', text: t('settings.currency') }), currency),
    el('div', { class: 'form-row' }, el('label', { htmlFor: 'rate-value', text: t('settings.rate_in', { base: settings.base_currency }) }), rate),
    el('div', { class: 'form-row' }, el('label', { htmlFor: 'rate-as-of', text: t('settings.as_of') }), asOf),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: t('settings.save_rate') })),
  );

  const where = el(
    'div',
    { class: 'card' },
    el('h2', { text: t('settings.files') }),
    el(
      'dl',
      { class: 'facts paths' },
      [
        ['settings.db_path', info.db_path, 'db-path'],
        ['settings.log_dir', info.log_dir, 'log-dir'],
        ['settings.backup_dir', info.backup_dir, 'backup-dir'],
        ['settings.version', info.version, 'version'],
      ].map(([k, v, testid]) => el('div', { class: 'fact' }, el('dt', { text: t(k) }), el('dd', { dataset: { testid }, text: v }))),
    ),
  );

  root.append(general, rates, where);
}
