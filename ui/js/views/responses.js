/**
 * The responses screen: the stored source rows, one per survey answer.
 * A value the import could not read is highlighted with its raw text and
 * the reason, and has an edit box; the core parses the new text and
 * refuses it, with a message shown beside the box, if it is still
 * unreadable.
 * @module views/responses
 */

import * as api from '../api.js';
import { clear, el, formatHours, formatMoney } from '../dom.js';
import { lang, t } from '../i18n.js';
import { paymentLabel } from './shared.js';

/** The view's id, used by the nav and `show`. */
export const id = 'responses';

const PAGE = 50;

/** The columns, in order: the survey field each shows and how. */
const COLUMNS = [
  ['submitted_at', (r) => (r.submitted_at || '').replace('T', ' ')],
  ['name', (r) => r.name],
  ['email', (r) => r.email],
  ['department', (r) => r.department],
  ['tools', (r) => (r.tools || []).join(', ')],
  ['payment', (r) => (r.payment ? paymentLabel(r.payment) : '')],
  ['monthly_cost', (r, locale) => formatMoney(r.monthly_cost, locale)],
  ['usage_hours_week', (r, locale) => formatHours(r.usage_hours_week, locale)],
  ['saved_hours_week', (r, locale) => formatHours(r.saved_hours_week, locale)],
  ['tasks', (r) => r.tasks],
  ['challenges', (r) => (r.challenges || []).join(', ')],
  ['requests', (r) => r.requests],
];

/** Kept across renders, so a language switch keeps the page. */
const state = { offset: 0, flaggedOnly: false };

/**
 * Renders the table of responses into `root`.
 * @param {HTMLElement} root
 * @param {{notify: function(string, string=): void}} app
 */
export async function render(root, app) {
  root.append(el('h1', { id: 'title-responses', text: t('responses.title') }));
  const body = el('div');
  const toolbar = el(
    'div',
    { class: 'toolbar' },
    el(
      'label',
      { class: 'check' },
      el('input', {
        type: 'checkbox',
        checked: state.flaggedOnly,
        dataset: { testid: 'flagged-only' },
        on: {
          change: (e) => {
            state.flaggedOnly = e.target.checked;
            state.offset = 0;
            refresh(body, app);
          },
        },
      }),
      ' ',
      t('responses.flagged_only'),
    ),
  );
  root.append(toolbar, body);
  await refresh(body, app);
}

async function refresh(body, app) {
  const locale = lang();
  const page = await api.listResponses({ flagged_only: state.flaggedOnly, limit: PAGE, offset: state.offset });
  clear(body);
  if (page.total === 0) {
    body.append(el('p', { class: 'muted', text: state.flaggedOnly ? t('responses.none_flagged') : t('common.no_data') }));
    return;
  }

  const headers = [t('col.row'), ...COLUMNS.map(([field]) => t(`field.${field}`))];
  const rows = page.rows.map((r) => {
    const flags = new Map((r.flags || []).map((f) => [f.field, f]));
    return el(
      'tr',
      { class: r.superseded ? 'superseded' : null, dataset: { testid: 'response-row', id: r.id } },
      el(
        'td',
        { class: 'num' },
        String(r.row),
        r.superseded ? el('span', { class: 'badge', title: t('responses.superseded_help'), text: t('responses.superseded') }) : null,
      ),
      COLUMNS.map(([field, show]) =>
        flags.has(field) ? flaggedCell(flags.get(field), body, app) : el('td', { dataset: { field }, text: show(r, locale) ?? '' }),
      ),
    );
  });

  body.append(
    el('p', { class: 'muted', text: t('responses.count', { from: state.offset + 1, to: state.offset + page.rows.length, total: page.total }) }),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data responses', dataset: { testid: 'responses-table' } },
        el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, rows),
      ),
    ),
    pager(page.total, body, app),
  );
}

function flaggedCell(flag, body, app) {
  const input = el('input', {
    type: 'text',
    value: flag.value ?? '',
    'aria-label': t('responses.fix_label', { column: flag.column }),
    dataset: { testid: 'fix-input', flag: flag.id },
  });
  const error = el('p', { class: 'field-error', role: 'alert', dataset: { testid: 'fix-error' } });
  const form = el(
    'form',
    {
      class: 'fix',
      on: {
        submit: async (e) => {
          e.preventDefault();
          error.textContent = '';
          try {
            await api.fixFlag(flag.id, input.value);
            app.notify(t('responses.fixed', { column: flag.column }));
            await refresh(body, app);
          } catch (err) {
            error.textContent = err.message;
            input.focus();
          }
        },
        keydown: (e) => {
          if (e.key === 'Escape') {
            input.value = flag.value ?? '';
            error.textContent = '';
          }
        },
      },
    },
    input,
    el('button', { type: 'submit', text: t('responses.fix') }),
  );
  return el(
    'td',
    { class: 'flagged', dataset: { field: flag.field, testid: 'flagged-cell' } },
    el('span', { class: 'raw', text: flag.value ?? '' }),
    el('span', { class: 'reason', text: flag.reason }),
    form,
    error,
  );
}

function pager(total, body, app) {
  const go = (offset) => {
    state.offset = offset;
    refresh(body, app);
  };
  return el(
    'div',
    { class: 'actions' },
    el('button', {
      type: 'button',
      text: t('common.previous'),
      disabled: state.offset === 0,
      on: { click: () => go(Math.max(0, state.offset - PAGE)) },
    }),
    el('button', {
      type: 'button',
      text: t('common.next'),
      disabled: state.offset + PAGE >= total,
      on: { click: () => go(state.offset + PAGE) },
    }),
  );
}
