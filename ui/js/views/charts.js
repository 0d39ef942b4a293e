/**
 * The charts screen: pick a chart, see it, and export it as PNG (for
 * slides) or PDF (for the meeting pack). The preview is the same PNG the
 * export writes, shown through a blob: URL.
 * @module views/charts
 */

import * as api from '../api.js';
import { el } from '../dom.js';
import { lang, t } from '../i18n.js';

/** The view's id, used by the nav and `show`. */
export const id = 'charts';

/** The chart kinds the core draws. */
const KINDS = ['spend-by-department', 'hours-saved-by-department', 'spend-by-tool', 'spend-trend', 'duplicates', 'roi'];

/** Kept across renders, so a language switch keeps the choices. */
const state = { kind: KINDS[0], width: 1600, height: 900 };

let previewUrl = null;

/**
 * Renders the chart picker, preview and export buttons into `root`.
 * @param {HTMLElement} root
 * @param {{notify: function(string, string=): void}} app
 */
export async function render(root, app) {
  root.append(el('h1', { id: 'title-charts', text: t('charts.title') }));

  const image = el('img', { class: 'chart-preview', alt: t(`chart.${state.kind}`), dataset: { testid: 'chart-preview' } });
  const status = el('p', { class: 'muted', role: 'status' });
  const refresh = async () => {
    status.textContent = t('common.working');
    try {
      // The preview is drawn at a fixed slide size; only exports use the inputs.
      const blob = await api.chartPng(state.kind, lang(), 1600, 900);
      if (previewUrl) URL.revokeObjectURL(previewUrl);
      previewUrl = URL.createObjectURL(blob);
      image.src = previewUrl;
      image.alt = t(`chart.${state.kind}`);
      status.textContent = '';
    } catch (e) {
      status.textContent = e.message;
    }
  };

  const kind = el(
    'select',
    {
      id: 'chart-kind',
      dataset: { testid: 'chart-kind' },
      on: {
        change: (e) => {
          state.kind = e.target.value;
          refresh();
        },
      },
    },
    KINDS.map((k) => el('option', { value: k, text: t(`chart.${k}`), selected: k === state.kind })),
  );
  const size = (key) =>
    el('input', {
      type: 'number',
      id: `chart-${key}`,
      min: '200',
      max: '8000',
      step: '1',
      value: String(state[key]),
      on: { change: (e) => (state[key] = Number(e.target.value) || state[key]) },
    });

  const exportButton = (format) =>
    el('button', {
      type: 'button',
      dataset: { testid: `export-${format}` },
      text: t(`charts.export_${format}`),
      on: { click: () => chooseAndExport(app, format) },
    });

  root.append(
    el(
      'div',
      { class: 'toolbar' },
      el('label', { htmlFor: 'chart-kind', text: t('charts.kind') }),
      kind,
      el('label', { htmlFor: 'chart-width', text: t('charts.width') }),
      size('width'),
      el('label', { htmlFor: 'chart-height', text: t('charts.height') }),
      size('height'),
      exportButton('png'),
      exportButton('pdf'),
    ),
    el('p', { class: 'muted', text: t('charts.pdf_note') }),
    status,
    el('div', { class: 'chart-frame' }, image),
  );
  await refresh();
}

async function chooseAndExport(app, format) {
  try {
    const name = `${state.kind}.${format}`;
    const path = await api.chooseSavePath(t('charts.save_title'), name, format.toUpperCase(), format);
    if (!path) return;
    await exportTo(app, { kind: state.kind, format, path, width: state.width, height: state.height });
  } catch (e) {
    app.notify(e.message, 'error');
  }
}

/**
 * Writes a chart to `path` and says where; the save dialog's path, and
 * the tests' `window.oversight.exportChart`, come in through this.
 * @param {{notify: function(string, string=): void}} app
 * @param {{kind: string, format: string, path: string, width?: number, height?: number}} request
 * @returns {Promise<string>} the path written
 */
export async function exportTo(app, { kind, format, path, width, height }) {
  const written = await api.exportChart({
    kind,
    lang: lang(),
    format,
    path,
    width: width || state.width,
    height: height || state.height,
  });
  app.notify(t('charts.exported', { path: written }));
  return written;
}
