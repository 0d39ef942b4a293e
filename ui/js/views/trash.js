/**
 * The trash screen: deleted contracts, plans, use cases and whatever
 * else the core keeps there, each of which can be put back, and emptying
 * the trash for good after a second click.
 * @module views/trash
 */

import * as api from '../api.js';
import { el, formatCount } from '../dom.js';
import { has, lang, t } from '../i18n.js';

/** The view's id, used by the nav and `show`. */
export const id = 'trash';

/** Kept across renders: whether Empty waits for its second click. */
const state = { confirmEmpty: false };

/**
 * Renders the trash into `root`.
 * @param {HTMLElement} root
 * @param {{show: function(string): Promise<void>, notify: function(string, string=): void}} app
 */
export async function render(root, app) {
  const items = await api.listTrash();
  const locale = lang();
  root.append(el('h1', { id: 'title-trash', text: t('trash.title') }), el('p', { class: 'muted', text: t('trash.intro') }));
  if (items.length === 0) {
    state.confirmEmpty = false;
    root.append(el('div', { class: 'card', dataset: { testid: 'trash-empty' } }, el('p', { text: t('trash.none') })));
    return;
  }

  const restore = async (item) => {
    try {
      await api.restoreFromTrash(item.kind, item.id);
      await app.show(id);
      app.notify(t('trash.restored', { label: item.label }));
    } catch (e) {
      app.notify(e.message, 'error');
    }
  };
  const empty = async () => {
    if (!state.confirmEmpty) {
      state.confirmEmpty = true;
      await app.show(id);
      return;
    }
    state.confirmEmpty = false;
    try {
      const removed = await api.emptyTrash();
      await app.show(id);
      app.notify(t('trash.emptied', { count: formatCount(removed, locale) }));
    } catch (e) {
      app.notify(e.message, 'error');
    }
  };

  root.append(
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data words', dataset: { testid: 'trash-table' } },
        el('thead', {}, el('tr', {}, ['trash.col_kind', 'trash.col_what', 'trash.col_deleted', 'contracts.col_actions'].map((k) => el('th', { scope: 'col', text: t(k) })))),
        el(
          'tbody',
          {},
          items.map((item) =>
            el(
              'tr',
              { dataset: { testid: 'trash-row', kind: item.kind, id: item.id } },
              el('td', { text: has(`trash.kind_${item.kind}`) ? t(`trash.kind_${item.kind}`) : item.kind }),
              el('th', { scope: 'row', class: 'name', text: item.label }),
              el('td', { class: 'nowrap', text: item.deleted_at.replace('T', ' ') }),
              el(
                'td',
                {},
                el('button', {
                  type: 'button',
                  dataset: { testid: 'restore' },
                  'aria-label': t('trash.restore_label', { label: item.label }),
                  text: t('trash.restore'),
                  on: { click: () => restore(item) },
                }),
              ),
            ),
          ),
        ),
      ),
    ),
    el(
      'div',
      { class: 'actions' },
      state.confirmEmpty ? el('span', { class: 'confirm', role: 'alert', text: t('trash.empty_confirm', { count: formatCount(items.length, locale) }) }) : null,
      el('button', {
        type: 'button',
        class: state.confirmEmpty ? 'danger' : null,
        dataset: { testid: 'empty-trash' },
        text: t(state.confirmEmpty ? 'trash.empty_really' : 'trash.empty'),
        on: { click: empty },
      }),
      state.confirmEmpty
        ? el('button', {
            type: 'button',
            text: t('common.cancel'),
            on: {
              click: () => {
                state.confirmEmpty = false;
                app.show(id);
              },
            },
          })
        : null,
    ),
  );
}
