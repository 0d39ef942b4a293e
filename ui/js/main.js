/**
 * Starts the app: loads the catalogues, builds the navigation and the
 * language switch, and shows one view at a time in <main>.
 *
 * The nav has three groups: the survey inventory, whose views Alt+1 …
 * Alt+7 open in nav order; the contracts, whose views Alt+Shift+1 …
 * Alt+Shift+7 open; and sharing what works (the prompt library and the
 * reviews), which carry the Alt+Shift numbering on as Alt+Shift+8 and
 * Alt+Shift+9. For the end-to-end tests, `window.oversight`
 * exposes the functions the file dialogs hand their paths to, so a test
 * can import and export without a native dialog.
 * @module main
 */

import * as api from './api.js';
import { append, el, clear } from './dom.js';
import * as i18n from './i18n.js';
import { t } from './i18n.js';
import * as dashboard from './views/dashboard.js';
import * as departments from './views/departments.js';
import * as tools from './views/tools.js';
import * as responses from './views/responses.js';
import * as importView from './views/import.js';
import * as charts from './views/charts.js';
import * as settings from './views/settings.js';
import * as contracts from './views/contracts.js';
import * as spend from './views/spend.js';
import * as duplicates from './views/duplicates.js';
import * as renewals from './views/renewals.js';
import * as roi from './views/roi.js';
import * as catalog from './views/catalog.js';
import * as trash from './views/trash.js';
import * as prompts from './views/prompts.js';
import * as reviews from './views/reviews.js';

/**
 * The nav's groups, each with the modifier its shortcuts add to Alt;
 * the groups with the same modifier number their views on from one
 * another. Each view module exports `id` and `render`.
 */
const GROUPS = [
  { id: 'survey', shift: false, views: [dashboard, departments, tools, responses, importView, charts, settings] },
  { id: 'contracts', shift: true, views: [contracts, spend, duplicates, renewals, roi, catalog, trash] },
  { id: 'sharing', shift: true, views: [prompts, reviews] },
];

/** The views Alt (with or without Shift) and a digit open, in order. */
const byShortcut = (shift) => GROUPS.filter((g) => g.shift === shift).flatMap((g) => g.views);
const VIEWS = GROUPS.flatMap((g) => g.views);

let currentId = 'dashboard';
let nav;
let main;
let notice;

/** What every view may use of the shell. */
const app = {
  show,
  notify,
  clearNotice,
};

/**
 * Shows a view by id, rendering it afresh.
 * Each render gets a new section, so a slow render of a view the user
 * already left writes into a detached node instead of the page.
 * @param {string} id
 * @returns {Promise<void>}
 */
async function show(id) {
  const view = VIEWS.find((v) => v.id === id) || dashboard;
  currentId = view.id;
  for (const button of nav.querySelectorAll('button[data-view]')) {
    if (button.dataset.view === view.id) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  clearNotice();
  const root = el('section', { class: `view view-${view.id}`, 'aria-labelledby': `title-${view.id}` });
  clear(main);
  main.append(root);
  try {
    await view.render(root, app);
  } catch (e) {
    notify(e.message || String(e), 'error');
  }
}

/**
 * Shows a message above the view, optionally with one action (such as
 * Undo) that runs and then clears the message.
 * @param {string} message
 * @param {'info'|'error'} [kind]
 * @param {{label: string, run: function(): Promise<void>}} [action]
 */
function notify(message, kind = 'info', action = null) {
  clear(notice);
  notice.className = `notice notice-${kind}`;
  notice.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  append(notice, [
    el('span', { class: 'notice-text', dataset: { testid: 'notice' }, text: message }),
    action
      ? el('button', {
          type: 'button',
          dataset: { testid: 'notice-action' },
          text: action.label,
          on: {
            click: async () => {
              clearNotice();
              try {
                await action.run();
              } catch (e) {
                notify(e.message || String(e), 'error');
              }
            },
          },
        })
      : null,
    el('button', { type: 'button', class: 'link', text: t('common.dismiss'), on: { click: clearNotice } }),
  ]);
  notice.hidden = false;
}

function clearNotice() {
  clear(notice);
  notice.hidden = true;
}

function buildNav() {
  clear(nav);
  for (const group of GROUPS) {
    const list = el('ul', { class: `nav-list nav-group-${group.id}`, 'aria-label': t(`nav.group_${group.id}`) });
    const numbered = byShortcut(group.shift);
    group.views.forEach((view) => {
      const keys = `${group.shift ? 'Alt+Shift' : 'Alt'}+${numbered.indexOf(view) + 1}`;
      list.append(
        el(
          'li',
          {},
          el('button', {
            type: 'button',
            class: 'nav-item',
            dataset: { view: view.id, testid: `nav-${view.id}` },
            title: t('nav.shortcut', { key: keys }),
            'aria-keyshortcuts': keys,
            text: t(`nav.${view.id}`),
            on: { click: () => show(view.id) },
          }),
        ),
      );
    });
    nav.append(list);
  }
  nav.setAttribute('aria-label', t('nav.label'));
}

function buildLanguageSwitch(container) {
  clear(container);
  const group = el('div', { class: 'lang-switch', role: 'group', 'aria-label': t('lang.label') });
  for (const code of i18n.LANGUAGES) {
    group.append(
      el('button', {
        type: 'button',
        class: 'lang-option',
        lang: code,
        dataset: { lang: code, testid: `lang-${code}` },
        'aria-pressed': String(i18n.lang() === code),
        text: t(`lang.${code}`),
        on: { click: () => i18n.setLang(code) },
      }),
    );
  }
  container.append(group);
}

function buildHeader(header) {
  clear(header);
  const langBox = el('div', { class: 'lang-box' });
  buildNav();
  header.append(el('span', { class: 'brand', text: t('app.title') }), nav, langBox);
  buildLanguageSwitch(langBox);
  document.title = t('app.title');
}

function onKey(event) {
  if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-9]$/.test(event.code)) {
    const view = byShortcut(event.shiftKey)[Number(event.code.slice(5)) - 1];
    if (view) {
      event.preventDefault();
      show(view.id).then(() => main.focus());
    }
  } else if (event.key === 'Escape' && !notice.hidden) {
    clearNotice();
  }
}

async function start() {
  let osLocale = null;
  try {
    osLocale = (await api.appInfo()).os_locale;
  } catch {
    osLocale = null; // the language then follows navigator.language
  }
  await i18n.init(osLocale);

  const header = el('header', { class: 'topbar' });
  nav = el('nav', { class: 'nav', id: 'nav' });
  main = el('main', { id: 'main', tabindex: '-1' });
  notice = el('div', { class: 'notice', hidden: true });
  const skip = el('a', { class: 'skip-link', href: '#main', text: t('nav.skip') });
  document.body.append(skip, header, notice, main);
  buildHeader(header);

  i18n.onChange(() => {
    skip.textContent = t('nav.skip');
    buildHeader(header);
    show(currentId);
  });
  document.addEventListener('keydown', onKey);

  window.oversight = {
    importPath: (path, options) => importView.importPath(app, path, options),
    saveSurveyForm: (path) => importView.saveFormTo(app, path),
    exportChart: (kind, format, path, width, height) => charts.exportTo(app, { kind, format, path, width, height }),
    importContracts: (path, options) => contracts.importPath(app, path, options),
    exportTemplate: (format, path) => contracts.exportTemplateTo(app, format, path),
    exportDuplicates: (format, path) => duplicates.exportTo(app, format, path),
    exportRenewals: (days, path) => renewals.exportTo(app, days, path),
    exportPrompts: (format, path) => prompts.exportTo(app, format, path),
    importPrompts: (path, format) => prompts.importPath(app, path, format),
    exportReview: (reviewId, format, path) => reviews.exportTo(app, reviewId, format, path),
    show,
    currentView: () => currentId,
  };

  await show('dashboard');
  document.body.dataset.ready = 'true';
}

start().catch((e) => {
  document.body.append(el('p', { class: 'fatal', text: String(e && e.message ? e.message : e) }));
});
