/**
 * The reviews screen: the checklists (edit a checklist's items: add,
 * move up or down, reword, remove, then save the whole ordered list),
 * starting a review of an AI-made deliverable, marking each item pass,
 * fail or n.a. with a note, approving or rejecting it (the core refuses
 * to approve a review with a failed item, and the view shows why), the
 * history by department and by template, and a review as PDF or
 * Markdown.
 * @module views/reviews
 */

import * as api from '../api.js';
import { clear, el, formatCount } from '../dom.js';
import { makeForm } from '../form.js';
import { lang, t } from '../i18n.js';
import { departmentLabel, saveThroughDialog } from './shared.js';

/** The view's id, used by the nav and `show`. */
export const id = 'reviews';

const KINDS = ['copy', 'code', 'analysis', 'other'];
const MARKS = ['pass', 'fail', 'na'];

/** Kept across renders, so a language switch keeps what is open. */
const state = {
  /** null, 'new', or the id of the checklist being edited */
  editing: null,
  /** the checklist being edited: {name, kind, items} */
  draft: null,
  /** the checklist a review is being started with */
  starting: null,
  /** the review shown */
  open: null,
  /** the core's refusal of the last status change */
  refusal: '',
  /** the history's filter */
  filter: { department: '', prompt: '' },
};

/** Today as YYYY-MM-DD on this computer. */
function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Renders the reviews screen into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>, notify: function(string, string=, Object=): void}} app
 */
export async function render(root, app) {
  const [checklists, all, prompts, departments, catalog] = await Promise.all([
    api.listChecklists(),
    api.listReviews({}),
    api.listPrompts({}),
    api.hourlyCosts(),
    api.listCatalog(),
  ]);
  const history = state.filter.department || state.filter.prompt ? await api.listReviews(state.filter) : all;
  const review = state.open ? all.find((r) => r.id === state.open) : null;

  root.append(el('h1', { id: 'title-reviews', text: t('reviews.title') }), el('p', { class: 'muted', text: t('reviews.intro') }));
  if (review) root.append(reviewCard(app, review));
  if (state.starting) {
    const checklist = checklists.find((c) => c.id === state.starting);
    if (checklist) root.append(startForm(app, checklist, prompts, departments, catalog));
  }
  if (state.editing) root.append(checklistEditor(app, checklists));
  root.append(checklistsCard(app, checklists));
  root.append(historyCard(app, all, history, prompts));
}

// ---------------------------------------------------------------------------
// Checklists.

function checklistsCard(app, checklists) {
  const rows = checklists.map((c) =>
    el(
      'tr',
      { dataset: { testid: 'checklist-row', id: c.id, name: c.name } },
      el('th', { scope: 'row', class: 'name', text: c.name }),
      el('td', { text: t(`checklist_kind.${c.kind}`) }),
      el('td', { class: 'num', text: formatCount(c.items.length, lang()) }),
      el(
        'td',
        { class: 'row-actions' },
        el('button', {
          type: 'button',
          class: 'primary',
          dataset: { testid: 'start-review' },
          text: t('reviews.start'),
          on: {
            click: () => {
              state.starting = c.id;
              state.open = null;
              app.show(id).then(() => window.scrollTo(0, 0));
            },
          },
        }),
        el('button', {
          type: 'button',
          dataset: { testid: 'edit-checklist' },
          text: t('common.edit'),
          on: {
            click: () => {
              state.editing = c.id;
              state.draft = { name: c.name, kind: c.kind, items: [...c.items] };
              app.show(id);
            },
          },
        }),
      ),
    ),
  );
  return el(
    'section',
    { class: 'card', dataset: { testid: 'checklists' } },
    el(
      'div',
      { class: 'card-head' },
      el('h2', { text: t('reviews.checklists') }),
      el('button', {
        type: 'button',
        dataset: { testid: 'new-checklist' },
        text: t('reviews.new_checklist'),
        on: {
          click: () => {
            state.editing = 'new';
            state.draft = { name: '', kind: 'other', items: [''] };
            app.show(id);
          },
        },
      }),
    ),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data' },
        el('thead', {}, el('tr', {}, ['name', 'kind', 'items', ''].map((h) => el('th', { scope: 'col', text: h ? t(`reviews.col_${h}`) : '' })))),
        el('tbody', {}, rows),
      ),
    ),
  );
}

function checklistEditor(app, checklists) {
  const draft = state.draft;
  const list = el('ol', { class: 'item-editor', dataset: { testid: 'checklist-items' } });
  const error = el('p', { class: 'field-error form-error', role: 'alert', dataset: { testid: 'checklist-error' } });

  /** Reads what was typed back into the draft, so moving keeps it. */
  const collect = () => {
    draft.items = [...list.querySelectorAll('input[name="item"]')].map((i) => i.value);
  };
  const drawItems = (focusIndex) => {
    clear(list);
    draft.items.forEach((text, i) => {
      const input = el('input', { type: 'text', name: 'item', value: text, 'aria-label': t('reviews.item_n', { n: i + 1 }), dataset: { testid: 'item-input' } });
      const move = (delta) => {
        collect();
        const j = i + delta;
        if (j < 0 || j >= draft.items.length) return;
        [draft.items[i], draft.items[j]] = [draft.items[j], draft.items[i]];
        drawItems(j);
      };
      list.append(
        el(
          'li',
          { dataset: { testid: 'item-row' } },
          input,
          el('button', { type: 'button', dataset: { testid: 'item-up' }, 'aria-label': t('reviews.move_up'), title: t('reviews.move_up'), text: '↑', disabled: i === 0, on: { click: () => move(-1) } }),
          el('button', {
            type: 'button',
            dataset: { testid: 'item-down' },
            'aria-label': t('reviews.move_down'),
            title: t('reviews.move_down'),
            text: '↓',
            disabled: i === draft.items.length - 1,
            on: { click: () => move(1) },
          }),
          el('button', {
            type: 'button',
            dataset: { testid: 'item-remove' },
            'aria-label': t('reviews.remove_item'),
            title: t('reviews.remove_item'),
            text: '×',
            on: {
              click: () => {
                collect();
                draft.items.splice(i, 1);
                drawItems(Math.min(i, draft.items.length - 1));
              },
            },
          }),
        ),
      );
      if (i === focusIndex) queueMicrotask(() => input.focus());
    });
  };
  drawItems(-1);

  const name = el('input', { type: 'text', id: 'checklist-name', name: 'name', value: draft.name, dataset: { testid: 'checklist-name' }, on: { input: (e) => (draft.name = e.target.value) } });
  const kind = el(
    'select',
    { id: 'checklist-kind', name: 'kind', on: { change: (e) => (draft.kind = e.target.value) } },
    KINDS.map((k) => el('option', { value: k, text: t(`checklist_kind.${k}`), selected: k === draft.kind })),
  );
  const close = () => {
    state.editing = null;
    state.draft = null;
    app.show(id);
  };
  const save = async (e) => {
    e.preventDefault();
    collect();
    error.textContent = '';
    try {
      const saved = await api.saveChecklist(state.editing === 'new' ? null : state.editing, draft.name, draft.kind, draft.items);
      state.editing = null;
      state.draft = null;
      await app.show(id);
      app.notify(t('reviews.checklist_saved', { name: saved.name, count: saved.items.length }));
    } catch (err) {
      error.textContent = err.message;
    }
  };
  const editing = checklists.find((c) => c.id === state.editing);
  return el(
    'form',
    {
      class: 'card form',
      dataset: { testid: 'checklist-form' },
      novalidate: true,
      on: {
        submit: save,
        keydown: (e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          }
        },
      },
    },
    el('h2', { text: editing ? t('reviews.edit_checklist', { name: editing.name }) : t('reviews.new_checklist') }),
    error,
    el(
      'div',
      { class: 'form-grid' },
      el('div', { class: 'field' }, el('label', { htmlFor: 'checklist-name', text: t('reviews.col_name') }), name),
      el('div', { class: 'field' }, el('label', { htmlFor: 'checklist-kind', text: t('reviews.col_kind') }), kind),
    ),
    el('h3', { text: t('reviews.col_items') }),
    list,
    el(
      'div',
      { class: 'actions' },
      el('button', {
        type: 'button',
        dataset: { testid: 'add-item' },
        text: t('reviews.add_item'),
        on: {
          click: () => {
            collect();
            draft.items.push('');
            drawItems(draft.items.length - 1);
          },
        },
      }),
    ),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', dataset: { testid: 'save-checklist' }, text: t('common.save') }),
      el('button', { type: 'button', dataset: { testid: 'cancel-checklist' }, text: t('common.cancel'), on: { click: close } }),
    ),
  );
}

// ---------------------------------------------------------------------------
// Starting, marking and deciding a review.

function startForm(app, checklist, prompts, departments, catalog) {
  const { form, focus } = makeForm({
    testid: 'review-form',
    title: t('reviews.start_title', { name: checklist.name }),
    fields: [
      { name: 'deliverable', label: t('review.deliverable'), wide: true, placeholder: t('review.deliverable_placeholder') },
      { name: 'department', label: t('review.department'), suggestions: departments.map((d) => d.name) },
      { name: 'tool', label: t('review.tool'), suggestions: catalog.map((c) => c.name) },
      {
        name: 'prompt',
        label: t('review.prompt'),
        kind: 'select',
        value: '',
        options: [['', t('review.no_prompt')], ...prompts.map((p) => [p.id, p.title])],
      },
      { name: 'reviewer', label: t('review.reviewer') },
      { name: 'reviewed_on', label: t('review.reviewed_on'), kind: 'date', value: today() },
      { name: 'note', label: t('review.note'), kind: 'textarea', rows: 2, wide: true },
    ],
    submitLabel: t('reviews.start'),
    onCancel: () => {
      state.starting = null;
      app.show(id);
    },
    onSubmit: async (values) => {
      const review = await api.startReview({ checklist: checklist.id, ...values });
      state.starting = null;
      state.open = review.id;
      state.refusal = '';
      await app.show(id);
      window.scrollTo(0, 0);
    },
  });
  queueMicrotask(focus);
  return form;
}

function markLabel(mark) {
  return mark ? t(`mark.${mark}`) : t('mark.none');
}

function reviewCard(app, review) {
  const locale = lang();
  const refusal = el('p', { class: 'field-error form-error', role: 'alert', dataset: { testid: 'review-error' }, text: state.refusal });
  const refresh = async () => {
    await app.show(id);
  };
  const setMark = async (item, mark, note) => {
    try {
      await api.markReviewItem(review.id, item.position, mark, note);
      state.refusal = '';
      await refresh();
    } catch (e) {
      refusal.textContent = e.message;
    }
  };
  const setStatus = async (status) => {
    try {
      const done = await api.setReviewStatus(review.id, status);
      state.refusal = '';
      await refresh();
      app.notify(t(`reviews.now_${done.status}`));
    } catch (e) {
      // The core's reason (a failed item, items not marked) is shown as it says it.
      state.refusal = e.message;
      refusal.textContent = e.message;
    }
  };

  const rows = review.items.map((item) => {
    const note = el('input', {
      type: 'text',
      class: 'mark-note',
      value: item.note,
      'aria-label': t('reviews.note_for', { n: item.position }),
      placeholder: t('review.note'),
      dataset: { testid: 'mark-note' },
      on: {
        change: (e) => {
          if (item.mark) setMark(item, item.mark, e.target.value);
        },
      },
    });
    return el(
      'tr',
      { class: item.mark ? `marked mark-${item.mark}` : '', dataset: { testid: 'review-item', position: item.position, mark: item.mark || '' } },
      el('td', { class: 'num', text: item.position }),
      el('td', { class: 'item-text', text: item.item }),
      el(
        'td',
        { class: 'marks' },
        el(
          'div',
          { class: 'mark-group', role: 'group', 'aria-label': t('reviews.mark_for', { n: item.position }) },
          MARKS.map((mark) =>
            el('button', {
              type: 'button',
              class: `mark-button mark-button-${mark}`,
              'aria-pressed': String(item.mark === mark),
              dataset: { testid: `mark-${mark}` },
              text: t(`mark.${mark}`),
              on: { click: () => setMark(item, mark, note.value) },
            }),
          ),
        ),
      ),
      el('td', {}, note),
    );
  });

  const counts = { pass: 0, fail: 0, na: 0, none: 0 };
  for (const item of review.items) counts[item.mark || 'none'] += 1;

  const exportButton = (format) =>
    el('button', {
      type: 'button',
      dataset: { testid: `export-review-${format}` },
      text: t(`reviews.export_${format}`),
      on: {
        click: () =>
          saveThroughDialog(
            app,
            { title: t('reviews.export_title'), name: `review-${review.reviewed_on}.${format}`, filter: format === 'pdf' ? 'PDF' : 'Markdown', extension: format },
            (path) => exportTo(app, review.id, format, path),
          ),
      },
    });

  return el(
    'section',
    { class: `card review-card review-${review.status}`, dataset: { testid: 'review-card', id: review.id, status: review.status } },
    el(
      'div',
      { class: 'card-head' },
      el('h2', { text: t('reviews.review_title', { deliverable: review.deliverable }) }),
      el('span', { class: `badge review-status-${review.status}`, dataset: { testid: 'review-status' }, text: t(`review_status.${review.status}`) }),
    ),
    el(
      'dl',
      { class: 'facts' },
      fact(t('reviews.col_checklist'), review.checklist),
      fact(t('review.department'), departmentLabel(review.department)),
      fact(t('review.tool'), review.tool || '—'),
      fact(t('review.prompt'), review.prompt_title || '—'),
      fact(t('review.reviewer'), review.reviewer),
      fact(t('review.reviewed_on'), review.reviewed_on),
    ),
    review.note ? el('p', { class: 'note', text: review.note }) : null,
    el(
      'p',
      { class: 'muted', dataset: { testid: 'review-counts' } },
      t('reviews.counts', { pass: formatCount(counts.pass, locale), fail: formatCount(counts.fail, locale), na: formatCount(counts.na, locale), none: formatCount(counts.none, locale) }),
    ),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data review-items' },
        el('thead', {}, el('tr', {}, ['no', 'item', 'mark', 'note'].map((h) => el('th', { scope: 'col', text: t(`reviews.col_${h}`) })))),
        el('tbody', {}, rows),
      ),
    ),
    refusal,
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', class: 'primary', dataset: { testid: 'approve-review' }, text: t('reviews.approve'), on: { click: () => setStatus('approved') } }),
      el('button', { type: 'button', dataset: { testid: 'reject-review' }, text: t('reviews.reject'), on: { click: () => setStatus('rejected') } }),
      review.status !== 'open'
        ? el('button', { type: 'button', dataset: { testid: 'reopen-review' }, text: t('reviews.reopen'), on: { click: () => setStatus('open') } })
        : null,
      el('span', { class: 'toolbar-gap' }),
      exportButton('pdf'),
      exportButton('md'),
      el('button', {
        type: 'button',
        text: t('common.close'),
        on: {
          click: () => {
            state.open = null;
            state.refusal = '';
            app.show(id);
          },
        },
      }),
    ),
  );
}

function fact(label, text) {
  return el('div', { class: 'fact' }, el('dt', { text: label }), el('dd', { text }));
}

/**
 * Writes review `reviewId` as PDF or Markdown to `path`, in the window's
 * language, and says where; the save dialog hands its path here, and so
 * do the tests.
 * @param {{notify: function(string, string=): void}} app
 * @param {string} reviewId
 * @param {'pdf'|'md'} format
 * @param {string} path
 * @returns {Promise<string>} the path written
 */
export async function exportTo(app, reviewId, format, path) {
  const written = await api.exportReview(reviewId, format, lang(), path);
  app.notify(t('common.saved_to', { path: written }));
  return written;
}

// ---------------------------------------------------------------------------
// History.

function historyCard(app, all, history, prompts) {
  const departments = [...new Set(all.map((r) => r.department).filter(Boolean))].sort((a, b) => a.localeCompare(b, lang()));
  const select = (field, choices) =>
    el(
      'label',
      { class: 'filter' },
      el('span', { class: 'filter-label', text: t(`reviews.filter_${field}`) }),
      el(
        'select',
        {
          dataset: { testid: `review-filter-${field}` },
          on: {
            change: (e) => {
              state.filter[field] = e.target.value;
              app.show(id);
            },
          },
        },
        el('option', { value: '', text: t('prompts.filter_any') }),
        choices.map(([value, label]) => el('option', { value, text: label, selected: value === state.filter[field] })),
      ),
    );
  const rows = history.map((r) => {
    const failed = r.items.filter((i) => i.mark === 'fail').length;
    return el(
      'tr',
      { dataset: { testid: 'review-row', id: r.id, status: r.status } },
      el('td', { class: 'nowrap', text: r.reviewed_on }),
      el('th', { scope: 'row', class: 'name', text: r.deliverable }),
      el('td', { text: r.checklist }),
      el('td', { text: departmentLabel(r.department) }),
      el('td', { text: r.prompt_title || '—' }),
      el('td', { text: r.reviewer }),
      el('td', {}, el('span', { class: `badge review-status-${r.status}`, text: t(`review_status.${r.status}`) })),
      el('td', { class: 'num', text: formatCount(failed, lang()) }),
      el(
        'td',
        { class: 'row-actions' },
        el('button', {
          type: 'button',
          dataset: { testid: 'open-review' },
          text: t('reviews.open'),
          on: {
            click: () => {
              state.open = r.id;
              state.starting = null;
              state.refusal = '';
              app.show(id).then(() => window.scrollTo(0, 0));
            },
          },
        }),
      ),
    );
  });
  return el(
    'section',
    { class: 'card', dataset: { testid: 'review-history' } },
    el('h2', { text: t('reviews.history') }),
    el(
      'div',
      { class: 'filters' },
      select('department', departments.map((d) => [d, d])),
      select('prompt', prompts.map((p) => [p.id, p.title])),
    ),
    history.length === 0
      ? el('p', { class: 'muted', dataset: { testid: 'no-reviews' }, text: t('reviews.none') })
      : el(
          'div',
          { class: 'table-wrap' },
          el(
            'table',
            { class: 'data' },
            el(
              'thead',
              {},
              el('tr', {}, ['reviewed_on', 'deliverable', 'checklist', 'department', 'prompt', 'reviewer', 'status', 'failed', ''].map((h) => el('th', { scope: 'col', text: h ? t(`reviews.col_${h}`) : '' }))),
            ),
            el('tbody', {}, rows),
          ),
        ),
  );
}
