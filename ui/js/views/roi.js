/**
 * The ROI screen: each department's hourly cost (editable), the use
 * cases (a task a department does with a tool, and the time it saves:
 * minutes a run × runs a month, or hours a month), and the use cases
 * ranked by net value a month (value − tool cost), as
 * `oversight roi --json` ranks them.
 * @module views/roi
 */

import * as api from '../api.js';
import { el, formatCount, formatHours, formatMoney, minorDigits } from '../dom.js';
import { makeForm } from '../form.js';
import { lang, t } from '../i18n.js';
import { ratesText } from './shared.js';

/** The view's id, used by the nav and `show`. */
export const id = 'roi';

/** Kept across renders, so a language switch keeps the form. */
const state = { editing: null, draft: null };

/**
 * Renders the hourly costs, the use-case form and the ranking into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>, notify: function(string, string=, Object=): void}} app
 */
export async function render(root, app) {
  const [report, hourly, catalog] = await Promise.all([api.roi(), api.hourlyCosts(), api.listCatalog()]);
  const locale = lang();

  root.append(
    el('h1', { id: 'title-roi', text: t('roi.title') }),
    el('p', { class: 'muted', text: t('roi.intro') }),
    el(
      'div',
      { class: 'toolbar' },
      el('button', {
        type: 'button',
        class: 'primary',
        dataset: { testid: 'add-use-case' },
        text: t('roi.add'),
        on: {
          click: () => {
            state.editing = 'new';
            state.draft = null;
            app.show(id);
          },
        },
      }),
    ),
  );
  if (state.editing) root.append(useCaseForm(app, report, hourly, catalog));
  if (report.missing_hourly_cost.length > 0) {
    root.append(
      el('p', {
        class: 'warning',
        dataset: { testid: 'missing-hourly' },
        text: t('roi.missing_hourly', { departments: report.missing_hourly_cost.join(', ') }),
      }),
    );
  }
  root.append(rankingCard(app, report, locale), hourlyCard(app, hourly, locale));
}

function amountText(money) {
  if (!money) return '';
  const digits = minorDigits(money.currency);
  return (money.minor / 10 ** digits).toFixed(digits);
}

function useCaseForm(app, report, hourly, catalog) {
  const row = state.editing === 'new' ? null : report.use_cases.find((u) => u.id === state.editing);
  if (state.editing !== 'new' && !row) {
    state.editing = null;
    return null;
  }
  const byRuns = row && row.minutes_per_run != null;
  const v =
    state.draft ||
    (row
      ? {
          department: row.department,
          task: row.task,
          tool: row.tool || '',
          minutes_per_run: byRuns ? String(row.minutes_per_run) : '',
          runs_per_month: byRuns ? String(row.runs_per_month) : '',
          hours_per_month: byRuns ? '' : String(row.hours_saved_per_month),
          seats: String(row.seats),
          note: row.note,
        }
      : {});
  const close = () => {
    state.editing = null;
    state.draft = null;
    app.show(id);
  };
  const { form, values, focus } = makeForm({
    testid: 'use-case-form',
    title: row ? t('roi.edit_title', { task: row.task }) : t('roi.add_title'),
    fields: [
      { name: 'department', label: t('contract.department'), value: v.department, suggestions: hourly.map((d) => d.name) },
      { name: 'task', label: t('roi.task'), value: v.task },
      { name: 'tool', label: t('contract.tool'), value: v.tool, suggestions: catalog.map((c) => c.name) },
      { name: 'minutes_per_run', label: t('roi.minutes_per_run'), value: v.minutes_per_run, inputmode: 'numeric' },
      { name: 'runs_per_month', label: t('roi.runs_per_month'), value: v.runs_per_month, inputmode: 'numeric' },
      { name: 'hours_per_month', label: t('roi.hours_per_month'), value: v.hours_per_month, inputmode: 'decimal', hint: t('roi.time_hint') },
      { name: 'seats', label: t('contract.seats'), value: v.seats, inputmode: 'numeric', placeholder: '1' },
      { name: 'note', label: t('contract.note'), value: v.note, wide: true },
    ],
    submitLabel: row ? t('common.save') : t('roi.add_submit'),
    onCancel: close,
    onSubmit: async (input) => {
      const saved = await api.saveUseCase(row ? row.id : null, input);
      state.editing = null;
      state.draft = null;
      await app.show(id);
      app.notify(t('roi.saved', { task: saved.task }));
    },
  });
  form.addEventListener('input', () => (state.draft = values()));
  queueMicrotask(focus);
  return form;
}

function rankingCard(app, report, locale) {
  const money = (m) => (m ? formatMoney(m, locale) : '—');
  const card = el(
    'section',
    { class: 'card', dataset: { testid: 'roi-ranking' } },
    el('h2', { text: t('roi.ranking', { month: report.month }) }),
    el('p', { class: 'muted', text: ratesText(report.rates_used, report.base_currency) }),
  );
  if (report.use_cases.length === 0) {
    card.append(el('p', { text: t('roi.none') }));
    return card;
  }
  const remove = async (u) => {
    try {
      await api.deleteUseCase(u.id);
      await app.show(id);
      app.notify(t('roi.deleted', { task: u.task }), 'info', {
        label: t('common.undo'),
        run: async () => {
          await api.restoreFromTrash('use_case', u.id);
          await app.show(id);
          app.notify(t('roi.restored', { task: u.task }));
        },
      });
    } catch (e) {
      app.notify(e.message, 'error');
    }
  };
  const headers = ['roi.col_rank', 'contract.department', 'roi.task', 'contract.tool', 'roi.col_hours', 'roi.col_hourly', 'roi.col_value', 'roi.col_tool_cost', 'roi.col_net', 'roi.col_ratio', 'contracts.col_actions'];
  card.append(
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data words roi', dataset: { testid: 'roi-table' } },
        el('thead', {}, el('tr', {}, headers.map((k) => el('th', { scope: 'col', text: t(k) })))),
        el(
          'tbody',
          {},
          report.use_cases.map((u) =>
            el(
              'tr',
              { dataset: { testid: 'roi-row', id: u.id } },
              el('td', { class: 'num', text: u.rank }),
              el('td', { class: 'nowrap', text: u.department }),
              el('th', { scope: 'row', class: 'name' }, u.task, u.note ? el('div', { class: 'sub note', text: u.note }) : null),
              el('td', { text: u.tool || '' }),
              el('td', {
                class: 'num',
                text: t('units.hours', { hours: formatHours(u.hours_saved_per_month, locale) }),
                title: u.minutes_per_run != null ? t('roi.runs', { minutes: u.minutes_per_run, runs: u.runs_per_month }) : null,
              }),
              el('td', { class: 'num', text: money(u.hourly_cost) }),
              el('td', { class: 'num', text: money(u.monthly_value) }),
              el('td', { class: 'num', title: u.cost_basis, text: money(u.monthly_tool_cost) }),
              el('td', { class: u.net_monthly && u.net_monthly.minor < 0 ? 'num negative' : 'num', dataset: { testid: 'roi-net', value: u.net_monthly ? u.net_monthly.minor : '' }, text: money(u.net_monthly) }),
              el('td', { class: 'num', text: u.ratio == null ? '—' : t('roi.ratio', { ratio: formatHours(u.ratio, locale) }) }),
              el(
                'td',
                { class: 'row-actions' },
                el('button', {
                  type: 'button',
                  'aria-label': t('roi.edit_label', { task: u.task }),
                  text: t('common.edit'),
                  on: {
                    click: () => {
                      state.editing = u.id;
                      state.draft = null;
                      app.show(id).then(() => window.scrollTo(0, 0));
                    },
                  },
                }),
                el('button', { type: 'button', 'aria-label': t('roi.delete_label', { task: u.task }), text: t('common.delete'), on: { click: () => remove(u) } }),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  return card;
}

function hourlyCard(app, hourly, locale) {
  const card = el(
    'section',
    { class: 'card', dataset: { testid: 'hourly-costs' } },
    el('h2', { text: t('roi.hourly_title') }),
    el('p', { class: 'muted', text: t('roi.hourly_help') }),
  );
  if (hourly.length === 0) {
    card.append(el('p', { text: t('roi.no_departments') }));
    return card;
  }
  const rows = hourly.map((d, i) => {
    const input = el('input', {
      type: 'text',
      id: `hourly-${i}`,
      inputmode: 'decimal',
      value: amountText(d.cost),
      'aria-describedby': `hourly-${i}-error`,
      dataset: { testid: 'hourly-input', department: d.name },
    });
    const error = el('p', { class: 'field-error', id: `hourly-${i}-error`, role: 'alert' });
    const form = el(
      'form',
      {
        class: 'inline-form',
        on: {
          submit: async (e) => {
            e.preventDefault();
            error.textContent = '';
            input.removeAttribute('aria-invalid');
            try {
              await api.setHourlyCost(d.name, input.value);
              await app.show(id);
              app.notify(t('roi.hourly_saved', { department: d.name }));
            } catch (err) {
              error.textContent = err.problems && err.problems.length ? err.problems.map((p) => p.reason).join(' ') : err.message;
              input.setAttribute('aria-invalid', 'true');
              input.focus();
            }
          },
          keydown: (e) => {
            if (e.key === 'Escape') {
              input.value = amountText(d.cost);
              error.textContent = '';
            }
          },
        },
      },
      input,
      el('button', { type: 'submit', text: t('common.save') }),
    );
    return el(
      'tr',
      {},
      el('th', { scope: 'row', class: 'name' }, el('label', { htmlFor: `hourly-${i}`, text: d.name })),
      el('td', { class: 'num', text: d.cost ? formatMoney(d.cost, locale) : t('roi.not_set') }),
      el('td', {}, form, error),
    );
  });
  card.append(
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data words hourly' },
        el('thead', {}, el('tr', {}, ['contract.department', 'roi.col_hourly', 'roi.col_change'].map((k) => el('th', { scope: 'col', text: t(k) })))),
        el('tbody', {}, rows),
      ),
    ),
    el('p', { class: 'muted', text: t('roi.count', { count: formatCount(hourly.length, locale) }) }),
  );
  return card;
}
