/**
 * The import screen: choose a survey export, check how its columns map
 * to the survey's fields, its encoding and date order, then import it
 * with a progress bar and see what could not be read.
 * @module views/import
 */

import * as api from '../api.js';
import { el, formatCount, toClipboard } from '../dom.js';
import { has, lang, t } from '../i18n.js';

/** The view's id, used by the nav and `show`. */
export const id = 'import';

/** Kept across renders, so a language switch keeps the file and mapping. */
const state = {
  path: null,
  preview: null,
  /** header → chosen field, '' for ignored */
  choices: new Map(),
  omitPersonal: false,
  dateOrder: '',
  busy: false,
  progress: null,
  report: null,
  /** the import whose undo waits for a second click */
  confirmUndo: null,
};

let progressBar = null;

/**
 * Renders the import steps into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>, notify: function(string, string=): void}} app
 */
export async function render(root, app) {
  root.append(el('h1', { id: 'title-import', text: t('import.title') }));
  root.append(el('p', { class: 'muted', text: t('import.intro') }));
  root.append(
    el(
      'div',
      { class: 'actions' },
      el('button', {
        type: 'button',
        class: state.preview ? null : 'primary',
        dataset: { testid: 'choose-file' },
        disabled: state.busy,
        text: t('import.choose'),
        on: { click: () => choose(app) },
      }),
    ),
  );

  if (state.preview) root.append(mappingStep(app));
  if (state.busy || state.progress) root.append(progressStep());
  if (state.report) root.append(resultStep(app));
  if (!state.busy) root.append(await historyStep(app));
  if (!state.busy) root.append(await formStep(app));
}

/**
 * The survey to send out: its questions as text to copy into Google
 * Forms or Microsoft Forms, with Copy and Save buttons.
 */
async function formStep(app) {
  const locale = lang();
  let text = '';
  try {
    text = await api.surveyForm(locale);
  } catch (e) {
    app.notify(e.message, 'error');
  }
  const box = el('textarea', {
    class: 'copy-box',
    readonly: true,
    rows: 16,
    dataset: { testid: 'survey-form' },
    'aria-label': t('import.form_title'),
    value: text,
  });
  const status = el('p', { role: 'status', class: 'muted', dataset: { testid: 'survey-form-status' } });
  const copy = async () => {
    if (await toClipboard(text)) {
      status.textContent = t('import.form_copied');
    } else {
      box.focus();
      box.select();
      status.textContent = t('import.form_select');
    }
  };
  const save = async () => {
    try {
      const name = locale === 'ja' ? 'AI活用状況アンケート.txt' : 'ai-usage-survey.txt';
      const path = await api.chooseSavePath(t('import.form_save'), name, t('import.form_filter'), 'txt');
      if (path) await saveFormTo(app, path);
    } catch (e) {
      app.notify(e.message, 'error');
    }
  };
  return el(
    'details',
    { class: 'card', dataset: { testid: 'survey-form-card' } },
    el('summary', { text: t('import.form_title') }),
    el('p', { class: 'muted', text: t('import.form_intro') }),
    box,
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', dataset: { testid: 'copy-survey-form' }, text: t('import.form_copy'), on: { click: copy } }),
      el('button', { type: 'button', dataset: { testid: 'save-survey-form' }, text: t('import.form_save'), on: { click: save } }),
    ),
    status,
  );
}

/** The earlier imports, each with an Undo that asks once more first. */
async function historyStep(app) {
  const locale = lang();
  const card = el('div', { class: 'card', dataset: { testid: 'import-history' } }, el('h2', { text: t('import.history') }));
  let batches = [];
  try {
    batches = await api.listImports();
  } catch (e) {
    app.notify(e.message, 'error');
  }
  if (batches.length === 0) {
    card.append(el('p', { class: 'muted', text: t('import.history_none') }));
    return card;
  }
  const undo = async (b) => {
    if (state.confirmUndo !== b.batch) {
      state.confirmUndo = b.batch;
      await app.show('import');
      return;
    }
    state.confirmUndo = null;
    try {
      const removed = b.kind === 'contracts' ? await api.undoContractImport(b.batch) : await api.undoImport(b.batch);
      await app.show('import');
      app.notify(t(b.kind === 'contracts' ? 'contracts.import_undone' : 'import.undone', { count: formatCount(removed, locale) }));
    } catch (e) {
      await app.show('import');
      app.notify(e.message, 'error');
    }
  };
  // A survey import adds responses; a contracts import, contracts.
  const added = (b) =>
    b.kind === 'contracts'
      ? t('import.count_contracts', { count: formatCount(b.contracts, locale) })
      : formatCount(b.responses, locale);
  const rows = batches.map((b) =>
    el(
      'tr',
      {},
      el('td', { text: b.file }),
      el('td', { text: b.imported_at.replace('T', ' ') }),
      el('td', { class: 'num', text: added(b) }),
      el(
        'td',
        {},
        state.confirmUndo === b.batch
          ? el('span', {
              class: 'confirm',
              text:
                t(b.kind === 'contracts' ? 'contracts.undo_confirm' : 'import.undo_confirm', {
                  file: b.file,
                  count: formatCount(b.kind === 'contracts' ? b.contracts : b.responses, locale),
                }) +
                (b.later_skipped?.length
                  ? ' ' + t('import.undo_later', { files: b.later_skipped.map((l) => l.file).join(', ') })
                  : '') +
                ' ',
            })
          : null,
        el('button', {
          type: 'button',
          class: state.confirmUndo === b.batch ? 'danger' : null,
          'aria-label': t('import.undo_label', { file: b.file }),
          dataset: { testid: 'undo-import' },
          text: t('import.undo'),
          on: { click: () => undo(b) },
        }),
      ),
    ),
  );
  card.append(
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data' },
        el('thead', {}, el('tr', {}, ['import.col_file', 'import.col_when', 'import.col_responses', 'import.undo'].map((k) => el('th', { scope: 'col', text: t(k) })))),
        el('tbody', {}, rows),
      ),
    ),
  );
  return card;
}

/**
 * Writes the survey to send out, in the window's language, to `path`; the
 * save dialog's path, and the tests' `window.oversight.saveSurveyForm`,
 * come in through this.
 * @param {{notify: function(string, string=): void}} app
 * @param {string} path
 * @returns {Promise<string>} the path written
 */
export async function saveFormTo(app, path) {
  const written = await api.saveSurveyForm(lang(), path);
  app.notify(t('import.form_saved', { path: written }));
  return written;
}

/**
 * Imports `path` with `options` and shows the result here; the file
 * dialog's path, and the tests' `window.oversight.importPath`, come in
 * through this.
 * @param {{show: function(string): Promise<void>, notify: function(string, string=): void}} app
 * @param {string} path
 * @param {Object} [options] ImportOptions
 * @returns {Promise<Object>} the import report
 */
export async function importPath(app, path, options = {}) {
  state.path = path;
  state.busy = true;
  state.report = null;
  state.progress = { done: 0, total: 0 };
  await app.show('import');

  const stop = await api.onImportProgress((p) => {
    state.progress = p;
    if (progressBar) {
      progressBar.max = Math.max(1, p.total);
      progressBar.value = p.done;
      progressBar.textContent = t('import.progress', { done: p.done, total: p.total });
    }
  });
  try {
    const report = await api.importSurvey(path, options);
    state.report = report;
    state.preview = null;
    return report;
  } catch (e) {
    state.progress = null;
    throw e;
  } finally {
    stop();
    state.busy = false;
    await app.show('import');
  }
}

async function choose(app) {
  try {
    const path = await api.chooseSurveyFile(t('import.choose_title'), t('import.filter'));
    if (!path) return;
    await previewPath(app, path);
  } catch (e) {
    app.notify(e.message, 'error');
  }
}

async function previewPath(app, path) {
  const preview = await api.previewSurvey(path, {});
  state.path = path;
  state.preview = preview;
  state.report = null;
  state.progress = null;
  state.dateOrder = '';
  state.choices = new Map(preview.mapping.map((m) => [m.header, m.field || '']));
  await app.show('import');
}

function fieldLabel(field) {
  return has(`field.${field}`) ? t(`field.${field}`) : field;
}

function mappingStep(app) {
  const preview = state.preview;
  const selects = [];

  const mappingRows = preview.headers.map((header, column) => {
    const select = el(
      'select',
      {
        'aria-label': t('import.field_for', { header }),
        dataset: { testid: 'map-select', header },
        on: {
          change: (e) => {
            const field = e.target.value;
            // One header per field: taking a field away from another header.
            for (const other of selects) {
              if (other !== e.target && field && other.value === field) {
                other.value = '';
                state.choices.set(other.dataset.header, '');
              }
            }
            state.choices.set(header, field);
          },
        },
      },
      el('option', { value: '', text: t('import.ignore') }),
      preview.fields.map((f) => el('option', { value: f, text: fieldLabel(f), selected: state.choices.get(header) === f })),
    );
    selects.push(select);
    const sample = preview.rows.map((r) => r[column]).find((v) => v !== undefined && v !== '') ?? '';
    return el('tr', {}, el('th', { scope: 'row', text: header }), el('td', {}, select), el('td', { class: 'sample', text: sample }));
  });

  const dateSelect = el(
    'select',
    {
      id: 'date-order',
      on: { change: (e) => (state.dateOrder = e.target.value) },
    },
    el('option', {
      value: '',
      text: t('import.date_auto', { order: preview.date_order ? t(`date.${preview.date_order}`) : t('import.date_unknown') }),
    }),
    ['ymd', 'mdy', 'dmy'].map((o) => el('option', { value: o, text: t(`date.${o}`), selected: state.dateOrder === o })),
  );

  const omit = el('input', {
    type: 'checkbox',
    id: 'omit-personal',
    checked: state.omitPersonal,
    dataset: { testid: 'omit-personal' },
    on: { change: (e) => (state.omitPersonal = e.target.checked) },
  });

  const cancel = () => {
    state.preview = null;
    state.path = null;
    app.show('import');
  };

  const form = el(
    'form',
    {
      class: 'card',
      on: {
        submit: async (e) => {
          e.preventDefault();
          // Every field is named: an empty header tells the core not to
          // read that field, so what the table shows is what is imported.
          const mapping = Object.fromEntries(preview.fields.map((f) => [f, '']));
          for (const [header, field] of state.choices) if (field) mapping[field] = header;
          const options = {
            mapping,
            omit_personal: state.omitPersonal,
            dry_run: false,
            date_order: state.dateOrder || null,
          };
          try {
            await importPath(app, state.path, options);
          } catch (err) {
            app.notify(err.message, 'error');
          }
        },
        keydown: (e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            cancel();
          }
        },
      },
    },
    el('h2', { text: t('import.check_title') }),
    el(
      'dl',
      { class: 'facts' },
      fact(t('import.file'), preview.file),
      fact(t('import.format'), preview.format.toUpperCase()),
      fact(t('import.encoding'), preview.encoding, 'encoding'),
      fact(t('import.rows'), formatCount(preview.total_rows, lang())),
    ),
    preview.remembered ? el('p', { class: 'muted', text: t('import.remembered') }) : null,
    (preview.notes || []).map((note) => el('p', { class: 'warning', text: note })),
    el('h3', { text: t('import.mapping') }),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data mapping' },
        el('thead', {}, el('tr', {}, [t('import.header'), t('import.field'), t('import.sample')].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, mappingRows),
      ),
    ),
    el('h3', { text: t('import.first_rows') }),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data preview' },
        el('thead', {}, el('tr', {}, preview.headers.map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, preview.rows.map((r) => el('tr', {}, preview.headers.map((_, i) => el('td', { text: r[i] ?? '' }))))),
      ),
    ),
    el(
      'div',
      { class: 'form-row' },
      el('label', { htmlFor: 'date-order', text: t('import.date_order') }),
      dateSelect,
    ),
    preview.date_order_reason ? el('p', { class: 'muted', dataset: { testid: 'date-reason' }, text: preview.date_order_reason }) : null,
    el('div', { class: 'form-row' }, el('label', { class: 'check', htmlFor: 'omit-personal' }, omit, ' ', t('import.omit_personal'))),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', dataset: { testid: 'import-button' }, disabled: state.busy, text: t('import.import') }),
      el('button', { type: 'button', text: t('common.cancel'), on: { click: cancel } }),
    ),
  );
  return form;
}

function fact(label, value, testid) {
  return el('div', { class: 'fact' }, el('dt', { text: label }), el('dd', { dataset: { testid }, text: value }));
}

function progressStep() {
  const p = state.progress || { done: 0, total: 0 };
  progressBar = el('progress', {
    max: String(Math.max(1, p.total)),
    value: String(p.done),
    'aria-label': t('import.importing'),
    dataset: { testid: 'import-progress' },
    text: t('import.progress', { done: p.done, total: p.total }),
  });
  return el(
    'div',
    { class: 'card' },
    el('h2', { text: state.busy ? t('import.importing') : t('import.done') }),
    progressBar,
  );
}

function resultStep(app) {
  const r = state.report;
  const locale = lang();
  return el(
    'div',
    { class: 'card', dataset: { testid: 'import-result' } },
    el('h2', { text: t('import.result_title', { file: r.file }) }),
    el(
      'dl',
      { class: 'facts' },
      fact(t('import.rows'), formatCount(r.rows, locale)),
      fact(t('import.imported'), formatCount(r.imported, locale), 'imported'),
      fact(t('import.duplicates'), formatCount(r.duplicates, locale), 'duplicates'),
      fact(t('import.flagged'), formatCount(r.flagged.length, locale), 'flagged-count'),
      fact(t('import.encoding'), r.encoding),
    ),
    r.flagged.length > 0
      ? el(
          'div',
          { class: 'table-wrap' },
          el(
            'table',
            { class: 'data', dataset: { testid: 'flagged-table' } },
            el('thead', {}, el('tr', {}, ['col.row', 'col.column', 'col.value', 'col.reason'].map((k) => el('th', { scope: 'col', text: t(k) })))),
            el('tbody', {}, r.flagged.map((f) => el('tr', {}, [f.row, f.column, f.value, f.reason].map((c) => el('td', { text: c ?? '' }))))),
          ),
        )
      : el('p', { text: t('import.nothing_flagged') }),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: t('import.see_dashboard'), on: { click: () => app.show('dashboard') } }),
      r.flagged.length > 0
        ? el('button', { type: 'button', text: t('dashboard.fix_flagged'), on: { click: () => app.show('responses') } })
        : null,
    ),
  );
}
