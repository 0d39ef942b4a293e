/**
 * Forms whose fields each have a label, a control and a line for the
 * core's reason when it refuses the value. The core checks every field
 * (the window does not second-guess it): a refused form comes back as a
 * UserError with the code "invalid" and one problem per field, and
 * `showProblems` puts each reason beside its field.
 *
 * Enter in a field submits the form (a native form submit); Escape
 * cancels it.
 * @module form
 */

import { el } from './dom.js';
import { t } from './i18n.js';

let nextId = 0;

/**
 * One field of a form.
 * @typedef {Object} FieldSpec
 * @property {string} name the core's name of the field (e.g. "seats")
 * @property {string} label
 * @property {'text'|'textarea'|'select'|'checkbox'|'date'} [kind] default "text"
 * @property {string|boolean} [value] the starting value
 * @property {Array<[string, string]>} [options] select: [value, label] pairs
 * @property {Array<string>} [suggestions] text: a datalist of choices
 * @property {string} [hint] a short note under the field
 * @property {string} [placeholder]
 * @property {string} [inputmode]
 * @property {boolean} [wide] spans the whole row
 */

/**
 * Builds a form.
 * @param {Object} spec
 * @param {string} spec.testid data-testid of the form
 * @param {string} [spec.title] heading
 * @param {Array<FieldSpec>} spec.fields
 * @param {string} spec.submitLabel
 * @param {function(Object<string, string|boolean>): Promise<void>} spec.onSubmit
 *   gets the values by field name; a UserError it throws is shown
 * @param {function(): void} [spec.onCancel] Escape and the Cancel button
 * @param {Array<Node>} [spec.extra] nodes under the fields
 * @returns {{form: HTMLFormElement, controls: Map<string, HTMLElement>, values: function(): Object, focus: function(): void}}
 */
export function makeForm({ testid, title, fields, submitLabel, onSubmit, onCancel, extra = [] }) {
  const prefix = `f${++nextId}`;
  const controls = new Map();
  const errors = new Map();
  const general = el('p', { class: 'field-error form-error', role: 'alert', dataset: { testid: 'form-error' } });

  const rows = fields.map((spec) => {
    const id = `${prefix}-${spec.name}`;
    const control = makeControl(spec, id);
    const error = el('p', { class: 'field-error', id: `${id}-error`, dataset: { testid: 'field-error', field: spec.name } });
    control.setAttribute('aria-describedby', `${id}-error`);
    controls.set(spec.name, control);
    errors.set(spec.name, error);
    const label =
      spec.kind === 'checkbox'
        ? el('label', { class: 'check', htmlFor: id }, control, ' ', spec.label)
        : el('label', { htmlFor: id, text: spec.label });
    return el(
      'div',
      { class: spec.wide ? 'field field-wide' : 'field', dataset: { field: spec.name } },
      label,
      spec.kind === 'checkbox' ? null : control,
      spec.kind === 'text' || !spec.kind ? datalist(spec, id) : null,
      spec.hint ? el('p', { class: 'hint', text: spec.hint }) : null,
      error,
    );
  });

  const values = () => {
    const out = {};
    for (const [name, control] of controls) {
      out[name] = control.type === 'checkbox' ? control.checked : control.value;
    }
    return out;
  };

  const clearProblems = () => {
    general.textContent = '';
    for (const [name, error] of errors) {
      error.textContent = '';
      controls.get(name).removeAttribute('aria-invalid');
    }
  };

  /** Shows each problem beside its field; those of no field go on top. */
  const showProblems = (problems, message) => {
    clearProblems();
    const elsewhere = [];
    let first = null;
    for (const p of problems) {
      const error = errors.get(p.field);
      if (!error) {
        elsewhere.push(p.value ? `${p.field}: '${p.value}' ${p.reason}` : `${p.field}: ${p.reason}`);
        continue;
      }
      error.textContent = error.textContent ? `${error.textContent} ${p.reason}` : p.reason;
      controls.get(p.field).setAttribute('aria-invalid', 'true');
      first = first || controls.get(p.field);
    }
    general.textContent = [t('form.fix_fields'), ...elsewhere].join(' ');
    if (problems.length === 0 && message) general.textContent = message;
    if (first) first.focus();
  };

  const submit = el('button', { type: 'submit', class: 'primary', dataset: { testid: 'form-submit' }, text: submitLabel });
  const form = el(
    'form',
    {
      class: 'card form',
      dataset: { testid },
      novalidate: true,
      on: {
        submit: async (e) => {
          e.preventDefault();
          submit.disabled = true;
          clearProblems();
          try {
            await onSubmit(values());
          } catch (err) {
            if (err && err.code === 'invalid') showProblems(err.problems || [], err.message);
            else general.textContent = err && err.message ? err.message : String(err);
          } finally {
            submit.disabled = false;
          }
        },
        keydown: (e) => {
          if (e.key === 'Escape' && onCancel) {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        },
      },
    },
    title ? el('h2', { text: title }) : null,
    general,
    el('div', { class: 'form-grid' }, rows),
    extra,
    el(
      'div',
      { class: 'actions' },
      submit,
      onCancel ? el('button', { type: 'button', dataset: { testid: 'form-cancel' }, text: t('common.cancel'), on: { click: onCancel } }) : null,
    ),
  );
  const focus = () => {
    const firstControl = controls.values().next().value;
    if (firstControl) firstControl.focus();
  };
  return { form, controls, values, focus };
}

function makeControl(spec, id) {
  const common = { id, name: spec.name, dataset: { testid: `input-${spec.name}` } };
  if (spec.kind === 'select') {
    return el(
      'select',
      common,
      (spec.options || []).map(([value, label]) => el('option', { value, text: label, selected: value === spec.value })),
    );
  }
  if (spec.kind === 'checkbox') {
    return el('input', { ...common, type: 'checkbox', checked: Boolean(spec.value) });
  }
  if (spec.kind === 'textarea') {
    return el('textarea', { ...common, rows: spec.rows || 8, value: spec.value == null ? '' : String(spec.value) });
  }
  return el('input', {
    ...common,
    type: spec.kind === 'date' ? 'date' : 'text',
    value: spec.value == null ? '' : String(spec.value),
    list: spec.suggestions ? `${id}-list` : null,
    placeholder: spec.placeholder || null,
    inputmode: spec.inputmode || null,
    autocomplete: 'off',
  });
}

function datalist(spec, id) {
  if (!spec.suggestions) return null;
  return el('datalist', { id: `${id}-list` }, spec.suggestions.map((s) => el('option', { value: s })));
}

/**
 * Replaces the choices of a field's datalist (e.g. the plans of the tool
 * typed so far).
 * @param {HTMLInputElement} input a text control made by makeForm with suggestions
 * @param {Array<string>} suggestions
 */
export function setSuggestions(input, suggestions) {
  const list = input.list;
  if (!list) return;
  list.replaceChildren(...suggestions.map((s) => el('option', { value: s })));
}
