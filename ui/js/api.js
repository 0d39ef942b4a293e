/**
 * The one module that talks to the Rust side: commands, events and the
 * native file dialogs. Every failure reaches the views as a UserError.
 * @module api
 */

const tauri = window.__TAURI__;

/**
 * A failure to show the user: the core's message and a code to branch on.
 * The core's messages are in English, also in the Japanese window: they
 * name files, rows and columns, and are not in the catalogues yet.
 */
export class UserError extends Error {
  /**
   * @param {string} code machine-readable; "error" unless the UI acts on it
   * @param {string} message for the user
   */
  constructor(code, message) {
    super(message);
    this.name = 'UserError';
    this.code = code;
  }
}

/** Wraps whatever a command or plugin threw into a UserError. */
function toUserError(e) {
  if (e instanceof UserError) return e;
  if (e && typeof e === 'object' && typeof e.message === 'string') {
    return new UserError(typeof e.code === 'string' ? e.code : 'error', e.message);
  }
  return new UserError('error', String(e));
}

async function call(command, args = {}) {
  if (!tauri || !tauri.core) throw new UserError('no-backend', 'the app backend is not available');
  try {
    return await tauri.core.invoke(command, args);
  } catch (e) {
    throw toUserError(e);
  }
}

/**
 * Where the data lives, the version, and whether the store is empty.
 * @returns {Promise<{db_path: string, log_dir: string, backup_dir: string, version: string, empty: boolean}>}
 */
export const appInfo = () => call('app_info');

/**
 * The counted inventory (see `oversight summary --json`).
 * @returns {Promise<Object>}
 */
export const summary = () => call('summary');

/**
 * Loads the fictional sample company into an empty store.
 * @returns {Promise<{respondents: number, departments: number}>}
 */
export const loadDemo = () => call('load_demo');

/**
 * The imports, newest first.
 * @returns {Promise<Array<{batch: string, file: string, imported_at: string, encoding: string, rows: number, responses: number}>>}
 */
export const listImports = () => call('list_imports');

/**
 * Undoes one import as a whole.
 * @param {string} batch the import's id
 * @returns {Promise<number>} responses removed
 */
export const undoImport = (batch) => call('undo_import', { batch });

/**
 * Reads the first rows of a survey export.
 * @param {string} path
 * @param {Object<string, string>} [mapping] field → header; empty to detect
 * @returns {Promise<Object>} the preview
 */
export const previewSurvey = (path, mapping = {}) => call('preview_survey', { path, mapping });

/**
 * Imports a survey export.
 * @param {string} path
 * @param {{mapping?: Object<string,string>, omit_personal?: boolean, dry_run?: boolean, date_order?: string|null}} options
 * @returns {Promise<Object>} the import report
 */
export const importSurvey = (path, options = {}) => call('import_survey', { path, options });

/**
 * Calls `handler({done, total})` on every import progress event.
 * @param {function({done: number, total: number}): void} handler
 * @returns {Promise<function(): void>} stops listening
 */
export async function onImportProgress(handler) {
  if (!tauri || !tauri.event) return () => {};
  try {
    return await tauri.event.listen('import-progress', (event) => handler(event.payload));
  } catch (e) {
    throw toUserError(e);
  }
}

/**
 * A page of the stored source rows.
 * @param {{flagged_only?: boolean, limit?: number, offset?: number}} query
 * @returns {Promise<{total: number, rows: Array<Object>}>}
 */
export const listResponses = (query = {}) =>
  call('list_responses', { query: { flagged_only: false, limit: 50, offset: 0, ...query } });

/**
 * Replaces a flagged value; fails when the new text is still unreadable.
 * @param {string} flagId
 * @param {string} value
 * @returns {Promise<void>}
 */
export const fixFlag = (flagId, value) => call('fix_flag', { flagId, value });

/**
 * A chart as a PNG blob.
 * @param {string} kind e.g. "spend-by-department"
 * @param {string} lang "en" or "ja"
 * @param {number} width
 * @param {number} height
 * @returns {Promise<Blob>}
 */
export async function chartPng(kind, lang, width, height) {
  const bytes = await call('chart_png', { kind, lang, width, height });
  const data = bytes instanceof ArrayBuffer || ArrayBuffer.isView(bytes) ? bytes : new Uint8Array(bytes);
  return new Blob([data], { type: 'image/png' });
}

/**
 * Writes a chart to a file.
 * @param {{kind: string, lang: string, format: string, path: string, width: number, height: number}} args
 * @returns {Promise<string>} the path written
 */
export const exportChart = ({ kind, lang, format, path, width, height }) =>
  call('export_chart', { kind, lang, format, path, width, height });

/**
 * The settings and the rate table.
 * @returns {Promise<{base_currency: string, fiscal_year_start_month: number, rates: Array<Object>}>}
 */
export const getSettings = () => call('get_settings');

/**
 * Sets one setting.
 * @param {string} key e.g. "base_currency"
 * @param {string} value
 * @returns {Promise<void>}
 */
export const setSetting = (key, value) => call('set_setting', { key, value: String(value) });

/**
 * Sets a currency's rate in the base currency.
 * @param {string} currency
 * @param {string} rate units of the base currency for one unit
 * @param {string|null} asOf YYYY-MM-DD, or null for today
 * @returns {Promise<void>}
 */
export const setRate = (currency, rate, asOf) => call('set_rate', { currency, rate: String(rate), asOf: asOf || null });

/**
 * Asks the user for a survey export to open.
 * @param {string} title dialog title
 * @param {string} filterName name of the file filter
 * @returns {Promise<string|null>} the path, or null when cancelled
 */
export async function chooseSurveyFile(title, filterName) {
  try {
    const picked = await tauri.dialog.open({
      title,
      multiple: false,
      directory: false,
      filters: [{ name: filterName, extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xls'] }],
    });
    return pathOf(picked);
  } catch (e) {
    throw toUserError(e);
  }
}

/**
 * Asks the user where to save a file.
 * @param {string} title dialog title
 * @param {string} defaultPath suggested file name
 * @param {string} filterName name of the file filter
 * @param {string} extension e.g. "png"
 * @returns {Promise<string|null>} the path, or null when cancelled
 */
export async function chooseSavePath(title, defaultPath, filterName, extension) {
  try {
    const picked = await tauri.dialog.save({ title, defaultPath, filters: [{ name: filterName, extensions: [extension] }] });
    return pathOf(picked);
  } catch (e) {
    throw toUserError(e);
  }
}

/** The dialog plugin answers with a path string (or, in some versions, an object). */
function pathOf(picked) {
  if (!picked) return null;
  if (typeof picked === 'string') return picked;
  return picked.path || null;
}
