/**
 * The catalogue screen: each AI tool with its vendor, category, aliases
 * and plans (list price, billing, minimum seats, where it runs, whether
 * the vendor trains on inputs, the day the price was seen). Plans can be
 * added, changed and deleted (to the trash); a tool's vendor and
 * category changed; aliases added.
 * @module views/catalog
 */

import * as api from '../api.js';
import { el, formatCount, formatMoney, minorDigits } from '../dom.js';
import { makeForm } from '../form.js';
import { lang, t } from '../i18n.js';
import { categoryLabel } from './shared.js';

/** The view's id, used by the nav and `show`. */
export const id = 'catalog';

const CURRENCIES = ['JPY', 'USD', 'EUR', 'GBP', 'CNY', 'KRW', 'TWD', 'HKD', 'SGD', 'AUD', 'CAD', 'CHF', 'INR', 'THB', 'VND'];
const TIERS = ['free', 'individual', 'team', 'enterprise'];
const DEPLOYMENTS = ['consumer_cloud', 'enterprise_cloud', 'on_premise'];
const CATEGORIES = ['chat', 'coding', 'translation', 'writing', 'search', 'research', 'image', 'local', 'other'];

/** Kept across renders: which tools are open, and the plan being edited. */
const state = {
  open: new Set(),
  /** {tool: tool id, plan: plan id or null} */
  editing: null,
  draft: null,
  filter: '',
};

/**
 * Renders the catalogue into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>, notify: function(string, string=, Object=): void}} app
 */
export async function render(root, app) {
  const tools = await api.listCatalog();
  const list = el('div', { class: 'catalog', dataset: { testid: 'catalog' } });
  const filter = el('input', {
    type: 'search',
    id: 'catalog-filter',
    value: state.filter,
    placeholder: t('catalog.filter_placeholder'),
    on: {
      input: (e) => {
        state.filter = e.target.value;
        applyFilter(list);
      },
    },
  });
  root.append(
    el('h1', { id: 'title-catalog', text: t('catalog.title') }),
    el('p', { class: 'muted', text: t('catalog.intro') }),
    el('div', { class: 'toolbar' }, el('label', { htmlFor: 'catalog-filter', text: t('catalog.filter') }), filter),
    el('datalist', { id: 'catalog-categories' }, CATEGORIES.map((c) => el('option', { value: c }))),
    list,
  );
  for (const tool of tools) list.append(toolCard(app, tool));
  applyFilter(list);
}

function applyFilter(list) {
  const want = state.filter.trim().toLowerCase();
  for (const card of list.children) {
    card.hidden = want !== '' && !card.dataset.search.includes(want);
  }
}

function priceText(plan, locale) {
  if (!plan.price) return t('catalog.price_on_request', { currency: plan.currency });
  return t(plan.billing === 'annual' ? 'contracts.per_seat_year' : 'contracts.per_seat_month', { price: formatMoney(plan.price, locale) });
}

function toolCard(app, tool) {
  const locale = lang();
  const details = el('details', {
    class: 'card tool',
    open: state.open.has(tool.id),
    dataset: { testid: 'catalog-tool', name: tool.name, search: [tool.name, ...tool.aliases, tool.vendor || ''].join(' ').toLowerCase() },
    on: { toggle: (e) => (e.target.open ? state.open.add(tool.id) : state.open.delete(tool.id)) },
  });
  details.append(
    el(
      'summary',
      {},
      el('span', { class: 'tool-name', text: tool.name }),
      tool.vendor ? el('span', { class: 'muted', text: tool.vendor }) : null,
      tool.category ? el('span', { class: 'chip', text: categoryLabel(tool.category) }) : null,
      el('span', { class: 'muted', text: t('catalog.plan_count', { count: formatCount(tool.plans.length, locale) }) }),
      tool.in_catalog ? null : el('span', { class: 'badge', title: t('catalog.other_help'), text: t('catalog.other') }),
    ),
  );
  // The body is built only when open: the catalogue can hold many tools.
  const body = () => [toolForm(app, tool), aliasesBlock(app, tool), plansBlock(app, tool, locale)];
  if (details.open) details.append(...body());
  details.addEventListener('toggle', () => {
    if (details.open && details.children.length === 1) details.append(...body());
  });
  return details;
}

function toolForm(app, tool) {
  const vendor = el('input', { type: 'text', id: `vendor-${tool.id}`, value: tool.vendor || '' });
  const category = el('input', { type: 'text', id: `category-${tool.id}`, value: tool.category || '', list: 'catalog-categories' });
  const error = el('p', { class: 'field-error', role: 'alert' });
  return el(
    'form',
    {
      class: 'inline-form tool-form',
      on: {
        submit: async (e) => {
          e.preventDefault();
          error.textContent = '';
          try {
            await api.updateTool(tool.id, vendor.value, category.value);
            state.open.add(tool.id);
            await app.show(id);
            app.notify(t('catalog.tool_saved', { tool: tool.name }));
          } catch (err) {
            error.textContent = err.message;
          }
        },
      },
    },
    el('label', { htmlFor: `vendor-${tool.id}`, text: t('catalog.vendor') }),
    vendor,
    el('label', { htmlFor: `category-${tool.id}`, text: t('catalog.category') }),
    category,
    el('button', { type: 'submit', text: t('catalog.save_tool') }),
    error,
  );
}

function aliasesBlock(app, tool) {
  const input = el('input', { type: 'text', id: `alias-${tool.id}`, dataset: { testid: 'alias-input' } });
  const error = el('p', { class: 'field-error', role: 'alert' });
  return el(
    'div',
    { class: 'aliases' },
    el('h3', { text: t('catalog.aliases') }),
    tool.aliases.length > 0
      ? el('ul', { class: 'chips' }, tool.aliases.map((a) => el('li', { class: 'chip', text: a })))
      : el('p', { class: 'muted', text: t('catalog.no_aliases') }),
    el(
      'form',
      {
        class: 'inline-form',
        on: {
          submit: async (e) => {
            e.preventDefault();
            error.textContent = '';
            try {
              await api.addAlias(tool.id, input.value);
              state.open.add(tool.id);
              await app.show(id);
              app.notify(t('catalog.alias_added', { alias: input.value.trim(), tool: tool.name }));
            } catch (err) {
              error.textContent = err.problems && err.problems.length ? err.problems[0].reason : err.message;
              input.focus();
            }
          },
        },
      },
      el('label', { htmlFor: `alias-${tool.id}`, text: t('catalog.add_alias') }),
      input,
      el('button', { type: 'submit', text: t('catalog.add') }),
    ),
    error,
  );
}

function plansBlock(app, tool, locale) {
  const block = el('div', { class: 'plans' }, el('h3', { text: t('catalog.plans') }));
  const editing = state.editing && state.editing.tool === tool.id ? state.editing : null;
  if (tool.plans.length > 0) {
    const headers = ['catalog.plan', 'catalog.tier', 'catalog.price', 'catalog.min_seats', 'catalog.deployment', 'catalog.trains', 'catalog.as_of', 'contracts.col_actions'];
    block.append(
      el(
        'div',
        { class: 'table-wrap' },
        el(
          'table',
          { class: 'data words', dataset: { testid: 'plans-table' } },
          el('thead', {}, el('tr', {}, headers.map((k) => el('th', { scope: 'col', text: t(k) })))),
          el(
            'tbody',
            {},
            tool.plans.map((p) =>
              el(
                'tr',
                { dataset: { testid: 'plan-row', name: p.name } },
                el('th', { scope: 'row', class: 'name' }, p.name, p.note ? el('div', { class: 'sub note', text: p.note }) : null),
                el('td', { class: 'nowrap', text: t(`tier.${p.tier}`) }),
                el('td', { class: 'num', text: priceText(p, locale) }),
                el('td', { class: 'num', text: formatCount(p.min_seats, locale) }),
                el('td', { text: t(`deployment.${p.deployment}`) }),
                el('td', { class: p.trains_on_inputs ? 'trains' : null, text: t(p.trains_on_inputs ? 'catalog.trains_yes' : 'catalog.trains_no') }),
                el('td', { class: 'nowrap', text: p.as_of }),
                el(
                  'td',
                  { class: 'row-actions' },
                  el('button', {
                    type: 'button',
                    'aria-label': t('catalog.edit_plan_label', { tool: tool.name, plan: p.name }),
                    text: t('common.edit'),
                    on: { click: () => edit(app, tool, p.id) },
                  }),
                  el('button', {
                    type: 'button',
                    'aria-label': t('catalog.delete_plan_label', { tool: tool.name, plan: p.name }),
                    text: t('common.delete'),
                    on: { click: () => removePlan(app, tool, p) },
                  }),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  } else {
    block.append(el('p', { class: 'muted', text: t('catalog.no_plans') }));
  }
  if (editing) block.append(planForm(app, tool, tool.plans.find((p) => p.id === editing.plan) || null));
  else block.append(el('div', { class: 'actions' }, el('button', { type: 'button', dataset: { testid: 'add-plan' }, text: t('catalog.add_plan'), on: { click: () => edit(app, tool, null) } })));
  return block;
}

function edit(app, tool, planId) {
  state.editing = { tool: tool.id, plan: planId };
  state.draft = null;
  state.open.add(tool.id);
  app.show(id);
}

async function removePlan(app, tool, plan) {
  try {
    await api.deletePlan(plan.id);
    state.open.add(tool.id);
    await app.show(id);
    app.notify(t('catalog.plan_deleted', { tool: tool.name, plan: plan.name }), 'info', {
      label: t('common.undo'),
      run: async () => {
        await api.restoreFromTrash('plan', plan.id);
        await app.show(id);
        app.notify(t('catalog.plan_restored', { tool: tool.name, plan: plan.name }));
      },
    });
  } catch (e) {
    app.notify(e.message, 'error');
  }
}

function amountText(money) {
  if (!money) return '';
  const digits = minorDigits(money.currency);
  return (money.minor / 10 ** digits).toFixed(digits);
}

function planForm(app, tool, plan) {
  const v =
    state.draft ||
    (plan
      ? {
          name: plan.name,
          tier: plan.tier,
          price: amountText(plan.price),
          currency: plan.currency,
          billing: plan.billing,
          min_seats: String(plan.min_seats),
          deployment: plan.deployment,
          trains_on_inputs: plan.trains_on_inputs,
          as_of: plan.as_of,
          note: plan.note,
        }
      : { tier: 'team', currency: 'USD', billing: 'monthly', deployment: 'enterprise_cloud', trains_on_inputs: false });
  const close = () => {
    state.editing = null;
    state.draft = null;
    app.show(id);
  };
  const { form, values, focus } = makeForm({
    testid: 'plan-form',
    title: plan ? t('catalog.edit_plan', { tool: tool.name, plan: plan.name }) : t('catalog.new_plan', { tool: tool.name }),
    fields: [
      { name: 'name', label: t('catalog.plan'), value: v.name },
      { name: 'tier', label: t('catalog.tier'), kind: 'select', value: v.tier, options: TIERS.map((x) => [x, t(`tier.${x}`)]) },
      { name: 'price', label: t('catalog.price_per_seat'), value: v.price, hint: t('catalog.price_hint') },
      { name: 'currency', label: t('contract.currency'), kind: 'select', value: v.currency, options: CURRENCIES.map((c) => [c, c]) },
      { name: 'billing', label: t('contract.billing'), kind: 'select', value: v.billing, options: [['monthly', t('billing.monthly')], ['annual', t('billing.annual')]] },
      { name: 'min_seats', label: t('catalog.min_seats'), value: v.min_seats, inputmode: 'numeric', placeholder: '1' },
      { name: 'deployment', label: t('catalog.deployment'), kind: 'select', value: v.deployment, options: DEPLOYMENTS.map((d) => [d, t(`deployment.${d}`)]) },
      { name: 'as_of', label: t('catalog.as_of'), kind: 'date', value: v.as_of, hint: t('catalog.as_of_hint') },
      { name: 'trains_on_inputs', label: t('catalog.trains_label'), kind: 'checkbox', value: v.trains_on_inputs },
      { name: 'note', label: t('contract.note'), value: v.note, wide: true },
    ],
    submitLabel: plan ? t('common.save') : t('catalog.add_plan'),
    onCancel: close,
    onSubmit: async (input) => {
      const saved = await api.savePlan(plan ? plan.id : null, { ...input, tool: tool.id });
      state.editing = null;
      state.draft = null;
      state.open.add(tool.id);
      await app.show(id);
      app.notify(t('catalog.plan_saved', { tool: tool.name, plan: saved.name }));
    },
  });
  form.addEventListener('input', () => (state.draft = values()));
  form.addEventListener('change', () => (state.draft = values()));
  queueMicrotask(focus);
  return form;
}
