/**
 * The prompt library screen: search as you type (ranked, with the
 * matched words of each excerpt marked), filters, the most used and best
 * rated templates, the editor (every save is a version), the version
 * history with a line diff and Restore, Use (one input per variable, a
 * live preview of the filled prompt, Copy, which counts the use, and a
 * 1–5 rating), and the library's files: export as a Markdown folder,
 * JSON or CSV, and import with a dry run first and a choice for the
 * templates already in the library.
 * @module views/prompts
 */

import * as api from '../api.js';
import { clear, el, formatCount, toClipboard } from '../dom.js';
import { makeForm } from '../form.js';
import { lang, t } from '../i18n.js';
import { departmentLabel, saveThroughDialog } from './shared.js';

/** The view's id, used by the nav and `show`. */
export const id = 'prompts';

const STATUSES = ['draft', 'approved', 'retired'];
const KINDS = ['text', 'long_text', 'date', 'choice'];
const FILTERS = ['department', 'category', 'tag', 'status', 'tool'];
const CONFLICT_CHOICES = ['skip', 'replace', 'keep_both'];

/** Kept across renders, so a language switch keeps the query and the open panel. */
const state = {
  query: '',
  filter: { department: '', category: '', tag: '', status: '', tool: '' },
  /** the template the panel is about */
  selected: null,
  /** null, 'new', 'edit', 'use' or 'history' */
  mode: null,
  /** the versions compared in the history panel */
  diff: null,
  /** a dry-run import waiting for the user's choice: {path, format, report} */
  pendingImport: null,
};

/**
 * Renders the prompt library into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>, notify: function(string, string=, Object=): void}} app
 */
export async function render(root, app) {
  const [facets, mostUsed, bestRated, selected] = await Promise.all([
    api.promptFacets(),
    api.listPrompts({ order: 'most_used', limit: 5 }),
    api.listPrompts({ order: 'best_rated', limit: 5 }),
    // By id: the template may be any of the library's, not only the first page.
    state.selected ? api.getPrompt(state.selected).catch(() => null) : null,
  ]);
  if (state.mode && state.mode !== 'new' && !selected) state.mode = null;

  root.append(
    el('h1', { id: 'title-prompts', text: t('prompts.title') }),
    el('p', { class: 'muted', text: t('prompts.intro') }),
    toolbar(app),
  );
  if (state.pendingImport) root.append(importCard(app));
  if (state.mode === 'new' || state.mode === 'edit') root.append(editor(app, state.mode === 'edit' ? selected : null, facets));
  if (state.mode === 'use') root.append(await usePanel(app, selected));
  if (state.mode === 'history') root.append(await historyPanel(app, selected));

  const results = el('div', { class: 'prompt-results', dataset: { testid: 'prompt-results' } });
  root.append(
    el(
      'div',
      { class: 'prompt-layout' },
      el('div', { class: 'prompt-main' }, searchCard(app, facets, results), results),
      el('aside', { class: 'prompt-side' }, topList(app, 'most_used', mostUsed), topList(app, 'best_rated', bestRated)),
    ),
  );
  await showResults(app, results);
}

function open(app, prompt, mode) {
  state.selected = prompt ? prompt.id : null;
  state.mode = mode;
  state.diff = null;
  return app.show(id).then(() => window.scrollTo(0, 0));
}

function toolbar(app) {
  return el(
    'div',
    { class: 'toolbar' },
    el('button', {
      type: 'button',
      class: 'primary',
      dataset: { testid: 'new-prompt' },
      text: t('prompts.new'),
      on: { click: () => open(app, null, 'new') },
    }),
    el('span', { class: 'toolbar-gap' }),
    el('span', { class: 'muted', text: t('prompts.export') }),
    ['markdown', 'json', 'csv'].map((format) =>
      el('button', {
        type: 'button',
        dataset: { testid: `export-prompts-${format}` },
        text: t(`prompts.format_${format}`),
        on: { click: () => chooseAndExport(app, format) },
      }),
    ),
    el('span', { class: 'muted', text: t('prompts.import') }),
    el('button', {
      type: 'button',
      dataset: { testid: 'import-prompts-folder' },
      text: t('prompts.import_folder'),
      on: { click: () => chooseAndImport(app, 'markdown') },
    }),
    el('button', {
      type: 'button',
      dataset: { testid: 'import-prompts-file' },
      text: t('prompts.import_file'),
      on: { click: () => chooseAndImport(app, 'file') },
    }),
  );
}

// ---------------------------------------------------------------------------
// Search, filters and the lists.

/** The distinct values of a field over the library, for a filter's choices. */
/** The library's values of a filter field, sorted for the language. */
function valuesOf(facets, field) {
  return [...(facets[field] || [])].sort((a, b) => a.localeCompare(b, lang()));
}

function searchCard(app, facets, results) {
  let timer = null;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => showResults(app, results), 150);
  };
  const box = el('input', {
    type: 'search',
    id: 'prompt-query',
    value: state.query,
    placeholder: t('prompts.search_placeholder'),
    autocomplete: 'off',
    dataset: { testid: 'prompt-search' },
    on: {
      input: (e) => {
        state.query = e.target.value;
        refresh();
      },
    },
  });
  const filters = FILTERS.map((field) => {
    const choices = field === 'status' ? STATUSES.map((s) => [s, t(`prompt_status.${s}`)]) : valuesOf(facets, field).map((v) => [v, v]);
    return el(
      'label',
      { class: 'filter' },
      el('span', { class: 'filter-label', text: t(`prompts.filter_${field}`) }),
      el(
        'select',
        {
          dataset: { testid: `prompt-filter-${field}` },
          on: {
            change: (e) => {
              state.filter[field] = e.target.value;
              refresh();
            },
          },
        },
        el('option', { value: '', text: t('prompts.filter_any') }),
        choices.map(([value, label]) => el('option', { value, text: label, selected: value === state.filter[field] })),
      ),
    );
  });
  return el(
    'form',
    { class: 'card prompt-search', role: 'search', on: { submit: (e) => e.preventDefault() } },
    el('label', { htmlFor: 'prompt-query', class: 'filter-label', text: t('prompts.search') }),
    box,
    el('div', { class: 'filters' }, filters),
  );
}

/** Puts the search hits (or, with no query, the filtered library) into `container`. */
let searches = 0;

async function showResults(app, container) {
  const mine = ++searches;
  const query = state.query;
  let rows;
  let mode = 'all';
  // A search returns its best 50, the list its first 200 by title (the
  // core's defaults); a full page, or a search cut to its newest matches,
  // says that more match.
  let more = false;
  try {
    if (query.trim()) {
      const found = await api.searchPrompts(query, state.filter);
      rows = found.hits;
      mode = found.mode;
      more = found.truncated || rows.length >= 50;
    } else {
      rows = (await api.listPrompts({ ...state.filter, order: 'title' })).map((prompt) => ({ prompt, excerpt: null }));
      more = rows.length >= 200;
    }
  } catch (e) {
    if (mine !== searches) return;
    clear(container);
    container.append(el('p', { class: 'field-error', role: 'alert', text: e.message }));
    return;
  }
  // A slower answer to an earlier query must not replace a newer one's.
  if (mine !== searches) return;
  clear(container);
  container.dataset.mode = mode;
  container.dataset.query = query;
  container.append(
    el('p', {
      class: 'muted',
      role: 'status',
      dataset: { testid: 'prompt-count', more: more ? 'yes' : 'no' },
      text: t(more ? 'prompts.count_more' : 'prompts.count', { count: formatCount(rows.length, lang()) }),
    }),
  );
  if (rows.length === 0) {
    container.append(el('div', { class: 'card' }, el('p', { text: query.trim() ? t('prompts.no_match') : t('prompts.none') })));
    return;
  }
  container.append(el('ul', { class: 'prompt-list' }, rows.map((row) => promptCard(app, row.prompt, row.excerpt))));
}

/** The excerpt as text, with each matched word in a <mark>. */
function excerptNode(segments) {
  return el(
    'p',
    { class: 'excerpt', dataset: { testid: 'prompt-excerpt' } },
    segments.map((s) => (s.hit ? el('mark', { text: s.text }) : s.text)),
  );
}

function ratingText(p) {
  if (p.rating === null || p.rating === undefined) return t('prompts.not_rated');
  return t('prompts.rating', { rating: p.rating, count: formatCount(p.ratings, lang()) });
}

function promptCard(app, p, excerpt) {
  const locale = lang();
  return el(
    'li',
    { class: 'card prompt-card', dataset: { testid: 'prompt-row', id: p.id, title: p.title } },
    el(
      'div',
      { class: 'prompt-head' },
      el('h3', { class: 'prompt-title', dataset: { testid: 'prompt-title' }, text: p.title }),
      el('span', { class: `badge status-${p.status}`, text: t(`prompt_status.${p.status}`) }),
    ),
    el(
      'p',
      { class: 'prompt-meta muted' },
      [departmentLabel(p.department), p.category || null, t('prompts.uses', { count: formatCount(p.uses, locale) }), ratingText(p)]
        .filter(Boolean)
        .join(' · '),
    ),
    excerpt ? excerptNode(excerpt) : el('p', { class: 'excerpt' }, firstLine(p.body)),
    p.tags.length ? el('ul', { class: 'chips' }, p.tags.map((tag) => el('li', { class: 'chip', text: tag }))) : null,
    el(
      'div',
      { class: 'row-actions' },
      el('button', { type: 'button', class: 'primary', dataset: { testid: 'use-prompt' }, text: t('prompts.use'), on: { click: () => open(app, p, 'use') } }),
      el('button', { type: 'button', dataset: { testid: 'edit-prompt' }, text: t('common.edit'), on: { click: () => open(app, p, 'edit') } }),
      el('button', { type: 'button', dataset: { testid: 'history-prompt' }, text: t('prompts.history'), on: { click: () => open(app, p, 'history') } }),
      el('button', { type: 'button', dataset: { testid: 'delete-prompt' }, text: t('common.delete'), on: { click: () => remove(app, p) } }),
    ),
  );
}

function firstLine(body) {
  const line = body.split('\n').find((l) => l.trim()) || '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

function topList(app, order, prompts) {
  return el(
    'section',
    { class: 'card', dataset: { testid: `prompts-${order}` } },
    el('h2', { text: t(`prompts.top_${order}`) }),
    prompts.length === 0
      ? el('p', { class: 'muted', text: t('prompts.none') })
      : el(
          'ol',
          { class: 'top-list' },
          prompts.map((p) =>
            el(
              'li',
              { dataset: { id: p.id } },
              el('button', { type: 'button', class: 'link', text: p.title, on: { click: () => open(app, p, 'use') } }),
              ' ',
              el('span', { class: 'muted', text: order === 'most_used' ? t('prompts.uses', { count: formatCount(p.uses, lang()) }) : ratingText(p) }),
            ),
          ),
        ),
  );
}

async function remove(app, p) {
  try {
    await api.deletePrompt(p.id);
    if (state.selected === p.id) state.mode = null;
    await app.show(id);
    app.notify(t('prompts.deleted', { title: p.title }), 'info', {
      label: t('common.undo'),
      run: async () => {
        await api.restoreFromTrash('prompt', p.id);
        await app.show(id);
      },
    });
  } catch (e) {
    app.notify(e.message, 'error');
  }
}

// ---------------------------------------------------------------------------
// The editor.

/** Splits a typed list ("a, b、c" or one a line) into its items. */
function listOf(text) {
  return String(text || '')
    .split(/[,、\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function editor(app, prompt, facets) {
  const v = prompt || { title: '', body: '', variables: [], category: '', department: '', tools: [], data_classes: [], tags: [], status: 'draft', owner: '' };
  const variables = el('tbody', {});
  const addVariable = (variable) => variables.append(variableRow(variable));
  v.variables.forEach(addVariable);

  const fields = [
    { name: 'title', label: t('prompt.title'), value: v.title, wide: true },
    { name: 'body', label: t('prompt.body'), kind: 'textarea', value: v.body, wide: true, hint: t('prompt.body_hint') },
    { name: 'category', label: t('prompt.category'), value: v.category, suggestions: valuesOf(facets, 'category') },
    { name: 'department', label: t('prompt.department'), value: v.department, suggestions: valuesOf(facets, 'department') },
    { name: 'tools', label: t('prompt.tools'), value: v.tools.join(', '), hint: t('prompt.list_hint') },
    { name: 'data_classes', label: t('prompt.data_classes'), value: v.data_classes.join(', '), hint: t('prompt.data_classes_hint') },
    { name: 'tags', label: t('prompt.tags'), value: v.tags.join(', '), hint: t('prompt.list_hint') },
    { name: 'status', label: t('prompt.status'), kind: 'select', value: v.status, options: STATUSES.map((s) => [s, t(`prompt_status.${s}`)]) },
    { name: 'owner', label: t('prompt.owner'), value: v.owner },
  ];

  const variablesCard = el(
    'fieldset',
    { class: 'variables', dataset: { testid: 'variables' } },
    el('legend', { text: t('prompt.variables') }),
    el('p', { class: 'hint', text: t('prompt.variables_hint') }),
    el(
      'table',
      { class: 'data variables-table' },
      el('thead', {}, el('tr', {}, ['name', 'kind', 'default', 'options', ''].map((h) => el('th', { scope: 'col', text: h ? t(`variable.${h}`) : '' })))),
      variables,
    ),
    el('button', { type: 'button', dataset: { testid: 'add-variable' }, text: t('prompt.add_variable'), on: { click: () => addVariable({ name: '', kind: 'text', default: null, options: [] }) } }),
  );

  const { form, controls } = makeForm({
    testid: 'prompt-form',
    title: prompt ? t('prompts.edit_title', { title: prompt.title, version: prompt.version }) : t('prompts.new_title'),
    fields,
    submitLabel: t('common.save'),
    extra: [variablesCard],
    onCancel: () => open(app, null, null),
    onSubmit: async (values) => {
      const content = {
        title: values.title,
        body: values.body,
        variables: readVariables(variables),
        category: values.category,
        department: values.department,
        tools: listOf(values.tools),
        data_classes: listOf(values.data_classes),
        tags: listOf(values.tags),
        status: values.status,
        owner: values.owner,
      };
      const saved = await api.savePrompt(prompt ? prompt.id : null, content);
      state.selected = saved.id;
      state.mode = null;
      await app.show(id);
      app.notify(t('prompts.saved', { title: saved.title, version: saved.version }));
    },
  });

  // A name the body uses gets a row as soon as it is typed, so its kind can be set.
  controls.get('body').addEventListener('input', (e) => {
    const known = new Set(readVariables(variables).map((x) => x.name));
    for (const match of e.target.value.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)) {
      if (!known.has(match[1])) {
        known.add(match[1]);
        addVariable({ name: match[1], kind: 'text', default: null, options: [] });
      }
    }
  });
  return form;
}

function variableRow(variable) {
  const cell = (control) => el('td', {}, control);
  const row = el(
    'tr',
    { dataset: { testid: 'variable-row' } },
    cell(el('input', { type: 'text', name: 'variable-name', 'aria-label': t('variable.name'), value: variable.name })),
    cell(
      el(
        'select',
        { name: 'variable-kind', 'aria-label': t('variable.kind') },
        KINDS.map((k) => el('option', { value: k, text: t(`variable_kind.${k}`), selected: k === variable.kind })),
      ),
    ),
    cell(el('input', { type: 'text', name: 'variable-default', 'aria-label': t('variable.default'), value: variable.default || '' })),
    cell(el('input', { type: 'text', name: 'variable-options', 'aria-label': t('variable.options'), placeholder: t('variable.options_placeholder'), value: variable.options.join(', ') })),
    el(
      'td',
      { class: 'row-actions' },
      el('button', { type: 'button', 'aria-label': t('prompt.remove_variable'), text: '×', on: { click: () => row.remove() } }),
    ),
  );
  return row;
}

function readVariables(tbody) {
  return [...tbody.querySelectorAll('tr')]
    .map((tr) => ({
      name: tr.querySelector('[name="variable-name"]').value.trim(),
      kind: tr.querySelector('[name="variable-kind"]').value,
      default: tr.querySelector('[name="variable-default"]').value || null,
      options: listOf(tr.querySelector('[name="variable-options"]').value),
    }))
    .filter((v) => v.name);
}

// ---------------------------------------------------------------------------
// Use: fill in, preview, copy, rate.

function variableInput(variable, inputId, onInput) {
  const common = { id: inputId, name: variable.name, dataset: { testid: 'use-input', variable: variable.name }, on: { input: onInput, change: onInput } };
  const value = variable.default || '';
  if (variable.kind === 'long_text') return el('textarea', { ...common, rows: 4, value });
  if (variable.kind === 'date') return el('input', { ...common, type: 'date', value });
  if (variable.kind === 'choice') {
    return el(
      'select',
      common,
      el('option', { value: '', text: t('prompts.choose') }),
      variable.options.map((o) => el('option', { value: o, text: o, selected: o === value })),
    );
  }
  return el('input', { ...common, type: 'text', value, autocomplete: 'off' });
}

async function usePanel(app, prompt) {
  const preview = el('pre', { class: 'preview', dataset: { testid: 'use-preview' }, tabindex: '0', 'aria-live': 'polite' });
  const problem = el('p', { class: 'field-error', role: 'alert', dataset: { testid: 'use-error' } });
  const copied = el('div', { class: 'copy-result', dataset: { testid: 'copy-result' } });
  const inputs = [];
  const values = () => Object.fromEntries(inputs.map((i) => [i.name, i.value]));

  let pending = 0;
  const refresh = async () => {
    const mine = ++pending;
    try {
      const text = await api.fillPrompt(prompt.id, values());
      if (mine !== pending) return;
      preview.textContent = text;
      problem.textContent = '';
    } catch (e) {
      if (mine === pending) problem.textContent = e.message;
    }
  };

  const fields = prompt.variables.map((variable, i) => {
    const inputId = `use-var-${i}`;
    const input = variableInput(variable, inputId, refresh);
    inputs.push(input);
    return el('div', { class: variable.kind === 'long_text' ? 'field field-wide' : 'field' }, el('label', { htmlFor: inputId, text: variable.name }), input);
  });

  const uses = el('span', { dataset: { testid: 'use-count', value: prompt.uses }, text: t('prompts.uses', { count: formatCount(prompt.uses, lang()) }) });
  const copy = async () => {
    clear(copied);
    let text;
    try {
      text = await api.fillPromptForUse(prompt.id, values());
    } catch (e) {
      problem.textContent = e.message;
      return;
    }
    if (await toClipboard(text)) {
      copied.append(el('p', { role: 'status', dataset: { testid: 'copied' }, text: t('prompts.copied') }));
    } else {
      const box = el('textarea', { class: 'copy-box', readonly: true, rows: 6, dataset: { testid: 'copy-fallback' }, 'aria-label': t('prompts.copy_fallback'), value: text });
      copied.append(el('p', { role: 'status', text: t('prompts.copy_fallback') }), box);
      box.focus();
      box.select();
    }
    try {
      const count = await api.recordPromptUse(prompt.id);
      uses.dataset.value = String(count);
      uses.textContent = t('prompts.uses', { count: formatCount(count, lang()) });
    } catch (e) {
      app.notify(e.message, 'error');
    }
  };

  const stars = el(
    'div',
    { class: 'stars', role: 'group', 'aria-label': t('prompts.rate') },
    [1, 2, 3, 4, 5].map((n) =>
      el('button', {
        type: 'button',
        class: 'star',
        dataset: { testid: `rate-${n}` },
        'aria-label': t('prompts.rate_n', { n }),
        title: t('prompts.rate_n', { n }),
        text: '★'.repeat(n),
        on: {
          click: async () => {
            try {
              const rated = await api.ratePrompt(prompt.id, n);
              rating.textContent = ratingText(rated);
              rating.dataset.value = String(rated.rating);
            } catch (e) {
              app.notify(e.message, 'error');
            }
          },
        },
      }),
    ),
  );
  const rating = el('span', { class: 'muted', dataset: { testid: 'rating', value: prompt.rating ?? '' }, text: ratingText(prompt) });

  const panel = el(
    'section',
    { class: 'card use-panel', dataset: { testid: 'use-panel', id: prompt.id }, 'aria-labelledby': 'use-title' },
    el('h2', { id: 'use-title', text: t('prompts.use_title', { title: prompt.title }) }),
    el('p', { class: 'muted' }, uses, ' · ', t(`prompt_status.${prompt.status}`)),
    prompt.status !== 'approved' ? el('p', { class: 'warning', text: t(`prompts.status_warning_${prompt.status}`) }) : null,
    fields.length ? el('div', { class: 'form-grid' }, fields) : el('p', { class: 'muted', text: t('prompts.no_variables') }),
    problem,
    el('h3', { text: t('prompts.preview') }),
    preview,
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', class: 'primary', dataset: { testid: 'copy-prompt' }, text: t('prompts.copy'), on: { click: copy } }),
      el('button', { type: 'button', text: t('common.close'), on: { click: () => open(app, null, null) } }),
    ),
    copied,
    el('div', { class: 'rate-row' }, el('span', { text: t('prompts.rate') }), stars, rating),
  );
  await refresh();
  return panel;
}

// ---------------------------------------------------------------------------
// Versions, diff, restore.

async function historyPanel(app, prompt) {
  const versions = await api.promptVersions(prompt.id);
  const latest = Math.max(prompt.version, ...versions.map((v) => v.version));
  const d = state.diff || { from: Math.max(1, latest - 1), to: latest };
  const pick = (name, value) =>
    el(
      'select',
      { name, dataset: { testid: `diff-${name}` }, 'aria-label': t(`prompts.diff_${name}`) },
      versions.map((v) => el('option', { value: String(v.version), text: `v${v.version}`, selected: v.version === value })),
    );
  const from = pick('from', d.from);
  const to = pick('to', d.to);
  const lines = el('div', { class: 'diff', dataset: { testid: 'diff' } });

  // One version whole, as it was saved, in place of the comparison.
  const view = async (v) => {
    clear(lines);
    try {
      const c = await api.promptVersion(prompt.id, v.version);
      lines.append(
        el('h3', { text: t('prompts.version_text_title', { version: v.version, title: c.title }) }),
        el('pre', { class: 'version-text', dataset: { testid: 'version-text' } }, c.body),
      );
    } catch (e) {
      lines.append(el('p', { class: 'field-error', role: 'alert', text: e.message }));
    }
  };

  const showDiff = async () => {
    state.diff = { from: Number(from.value), to: Number(to.value) };
    clear(lines);
    try {
      const diff = await api.promptDiff(prompt.id, state.diff.from, state.diff.to);
      const sign = { added: '+ ', removed: '- ', same: '  ' };
      lines.append(
        el(
          'pre',
          { class: 'diff-lines' },
          diff.map((line) => el('span', { class: `diff-line diff-${line.change}`, dataset: { testid: 'diff-line', change: line.change } }, sign[line.change] || '  ', line.text, '\n')),
        ),
      );
    } catch (e) {
      lines.append(el('p', { class: 'field-error', role: 'alert', text: e.message }));
    }
  };

  const restore = async (v) => {
    try {
      const restored = await api.restorePrompt(prompt.id, v.version);
      state.diff = null;
      await app.show(id);
      app.notify(t('prompts.restored', { version: v.version, now: restored.version }));
    } catch (e) {
      app.notify(e.message, 'error');
    }
  };

  const panel = el(
    'section',
    { class: 'card', dataset: { testid: 'history-panel' } },
    el('h2', { text: t('prompts.history_title', { title: prompt.title }) }),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data' },
        el('thead', {}, el('tr', {}, ['version', 'saved_at', 'title', 'note', ''].map((h) => el('th', { scope: 'col', text: h ? t(`prompts.col_${h}`) : '' })))),
        el(
          'tbody',
          {},
          versions.map((v) =>
            el(
              'tr',
              { dataset: { testid: 'version-row', version: v.version } },
              el('td', { class: 'num', text: `v${v.version}` }),
              el('td', { class: 'nowrap', text: v.saved_at.replace('T', ' ') }),
              el('td', { text: v.title }),
              el('td', { text: v.note }),
              el(
                'td',
                { class: 'row-actions' },
                el('button', { type: 'button', dataset: { testid: 'view-version' }, text: t('prompts.view_version'), on: { click: () => view(v) } }),
                v.version === latest
                  ? el('span', { class: 'muted', text: t('prompts.current') })
                  : el('button', { type: 'button', dataset: { testid: 'restore-version' }, text: t('prompts.restore'), on: { click: () => restore(v) } }),
              ),
            ),
          ),
        ),
      ),
    ),
    el(
      'div',
      { class: 'toolbar diff-pick' },
      el('span', { text: t('prompts.compare') }),
      from,
      el('span', { text: '→' }),
      to,
      el('button', { type: 'button', dataset: { testid: 'show-diff' }, text: t('prompts.show_diff'), on: { click: showDiff } }),
      el('span', { class: 'toolbar-gap' }),
      el('button', { type: 'button', text: t('common.close'), on: { click: () => open(app, null, null) } }),
    ),
    lines,
  );
  if (versions.length > 1) await showDiff();
  return panel;
}

// ---------------------------------------------------------------------------
// Files.

async function chooseAndExport(app, format) {
  if (format === 'markdown') {
    try {
      const dir = await api.chooseFolder(t('prompts.export_folder_title'));
      if (dir) await exportTo(app, format, dir);
    } catch (e) {
      app.notify(e.message, 'error');
    }
    return;
  }
  await saveThroughDialog(
    app,
    { title: t('prompts.export_title'), name: `prompt-library.${format}`, filter: format.toUpperCase(), extension: format },
    (path) => exportTo(app, format, path),
  );
}

/**
 * Writes the library as `format` to `path` (a folder for markdown) and
 * says where; the save dialogs hand their path here, and so do the tests.
 * @param {{notify: function(string, string=): void}} app
 * @param {'markdown'|'json'|'csv'} format
 * @param {string} path
 * @returns {Promise<string|number>}
 */
export async function exportTo(app, format, path) {
  const written = await api.exportPrompts(format, path);
  app.notify(format === 'markdown' ? t('prompts.exported_folder', { count: written, path }) : t('common.saved_to', { path: written }));
  return written;
}

async function chooseAndImport(app, kind) {
  try {
    const path = kind === 'markdown' ? await api.chooseFolder(t('prompts.import_folder_title')) : await api.chooseLibraryFile(t('prompts.import_file_title'), t('prompts.library_files'));
    if (!path) return;
    const format = kind === 'markdown' ? 'markdown' : path.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
    await importPath(app, path, format);
  } catch (e) {
    app.notify(e.message, 'error');
  }
}

/**
 * Imports a library file or folder: a dry run first; when some templates
 * are already in the library the view asks whether to skip, replace or
 * keep both, otherwise it imports at once. The dialogs and the tests
 * hand their path here.
 * @param {{show: function(string): Promise<void>, notify: function(string, string=): void}} app
 * @param {string} path
 * @param {'markdown'|'json'|'csv'} format
 * @returns {Promise<Object>} the dry run's report
 */
export async function importPath(app, path, format) {
  const report = await api.importPrompts(path, format, 'skip', true);
  if (report.conflicts.length > 0) {
    state.pendingImport = { path, format, report, choice: 'skip' };
    await app.show(id);
    return report;
  }
  await runImport(app, { path, format, choice: 'skip' });
  return report;
}

async function runImport(app, pending) {
  const done = await api.importPrompts(pending.path, pending.format, pending.choice, false);
  state.pendingImport = null;
  await app.show(id);
  app.notify(t('prompts.imported', { added: done.added, replaced: done.replaced, kept_both: done.kept_both, skipped: done.skipped }));
}

function importCard(app) {
  const pending = state.pendingImport;
  const r = pending.report;
  return el(
    'section',
    { class: 'card import-choice', dataset: { testid: 'prompt-import-choice' } },
    el('h2', { text: t('prompts.import_title') }),
    el('p', { text: t('prompts.import_summary', { templates: r.templates, added: r.added, conflicts: r.conflicts.length }) }),
    el(
      'ul',
      { class: 'notes' },
      r.conflicts.map((c) => el('li', { dataset: { testid: 'import-conflict' } }, c.title, ' ', el('span', { class: 'muted', text: t(`prompts.conflict_by_${c.by}`) }))),
    ),
    el(
      'fieldset',
      { class: 'choices' },
      el('legend', { text: t('prompts.conflict_question') }),
      CONFLICT_CHOICES.map((choice) =>
        el(
          'label',
          { class: 'check choice' },
          el('input', {
            type: 'radio',
            name: 'on-conflict',
            value: choice,
            checked: pending.choice === choice,
            dataset: { testid: `conflict-${choice}` },
            on: { change: () => (pending.choice = choice) },
          }),
          ' ',
          el('strong', { text: t(`prompts.conflict_${choice}`) }),
          ' ',
          el('span', { class: 'muted', text: t(`prompts.conflict_${choice}_help`) }),
        ),
      ),
    ),
    el(
      'div',
      { class: 'actions' },
      el('button', {
        type: 'button',
        class: 'primary',
        dataset: { testid: 'confirm-prompt-import' },
        text: t('prompts.import_now'),
        on: {
          click: async () => {
            try {
              await runImport(app, pending);
            } catch (e) {
              app.notify(e.message, 'error');
            }
          },
        },
      }),
      el('button', {
        type: 'button',
        text: t('common.cancel'),
        on: {
          click: () => {
            state.pendingImport = null;
            app.show(id);
          },
        },
      }),
    ),
  );
}
