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
   * @param {Array<{field: string, value: string, reason: string}>} [problems]
   *   for the code "invalid": each field the core refused, and why
   */
  constructor(code, message, problems = []) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.problems = problems;
  }
}

/** Wraps whatever a command or plugin threw into a UserError. */
function toUserError(e) {
  if (e instanceof UserError) return e;
  if (e && typeof e === 'object' && typeof e.message === 'string') {
    const problems = Array.isArray(e.problems) ? e.problems : [];
    return new UserError(typeof e.code === 'string' ? e.code : 'error', e.message, problems);
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
 * The survey to send out: its questions and options as text.
 * @param {'en'|'ja'} lang
 * @returns {Promise<string>}
 */
export const surveyForm = (lang) => call('survey_form', { lang });

/**
 * Writes the survey to send out to a text file.
 * @param {'en'|'ja'} lang
 * @param {string} path from the save dialog
 * @returns {Promise<string>} the path written
 */
export const saveSurveyForm = (lang, path) => call('save_survey_form', { lang, path });

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
 * Every contract not in the trash (see `oversight contracts list --json`).
 * @returns {Promise<Array<Object>>}
 */
export const listContracts = () => call('list_contracts');

/**
 * Stores a typed contract. A refused one fails with the code "invalid"
 * and a problem per field.
 * @param {Object<string, string>} input ContractInput: every field text
 * @returns {Promise<Object>} the stored contract
 */
export const addContract = (input) => call('add_contract', { input });

/**
 * Changes a contract; fails like addContract.
 * @param {string} id
 * @param {Object<string, string>} input ContractInput
 * @returns {Promise<Object>} the changed contract
 */
export const updateContract = (id, input) => call('update_contract', { id, input });

/**
 * Moves a contract to the trash.
 * @param {string} id
 * @returns {Promise<void>}
 */
export const deleteContract = (id) => call('delete_contract', { id });

/**
 * Imports a contracts file (the template or a Snipe-IT licence export).
 * @param {string} path
 * @param {{dry_run?: boolean, currency?: string|null}} [options]
 * @returns {Promise<Object>} the report: imported, duplicates, flagged, notes, batch, layout
 */
export const importContracts = (path, options = {}) =>
  call('import_contracts', { path, dryRun: Boolean(options.dry_run), currency: options.currency || null });

/**
 * Undoes a contracts import as a whole.
 * @param {string} batch
 * @returns {Promise<number>} contracts removed
 */
export const undoContractImport = (batch) => call('undo_contract_import', { batch });

/**
 * Survey answers paid personally that could become contracts.
 * @returns {Promise<Array<Object>>}
 */
export const contractSuggestions = () => call('contract_suggestions');

/**
 * Stores the suggested contracts of these survey answers.
 * @param {Array<number>} responseIds
 * @returns {Promise<Array<Object>>} the contracts made
 */
export const confirmSuggestions = (responseIds) => call('confirm_suggestions', { responseIds });

/**
 * Writes the blank contracts template.
 * @param {'csv'|'xlsx'} format
 * @param {string} path
 * @returns {Promise<string>} the path written
 */
export const exportTemplate = (format, path) =>
  call(format === 'xlsx' ? 'export_template_xlsx' : 'export_template_csv', { path });

/**
 * The tool catalogue: tools with aliases and plans.
 * @returns {Promise<Array<Object>>}
 */
export const listCatalog = () => call('list_catalog');

/**
 * Adds a plan (id null) or changes one; a refused field fails "invalid".
 * @param {string|null} id
 * @param {Object} input PlanInput
 * @returns {Promise<Object>} the plan
 */
export const savePlan = (id, input) => call('save_plan', { id: id || null, input });

/**
 * Moves a plan to the trash.
 * @param {string} id
 * @returns {Promise<void>}
 */
export const deletePlan = (id) => call('delete_plan', { id });

/**
 * Changes a tool's vendor and category.
 * @param {string} tool its id or name
 * @param {string} vendor
 * @param {string} category
 * @returns {Promise<void>}
 */
export const updateTool = (tool, vendor, category) => call('update_tool', { tool, vendor, category });

/**
 * Adds a spelling that names a tool.
 * @param {string} tool its id or name
 * @param {string} alias
 * @returns {Promise<void>}
 */
export const addAlias = (tool, alias) => call('add_alias', { tool, alias });

/**
 * Spend by month (see `oversight spend --json`).
 * @param {'department'|'tool'} by
 * @param {string} from YYYY-MM
 * @param {string} to YYYY-MM
 * @returns {Promise<Object>}
 */
export const spend = (by, from, to) => call('spend', { by, from, to });

/**
 * Today's duplicate subscriptions (see `oversight duplicates --json`).
 * @returns {Promise<Object>}
 */
export const duplicates = () => call('duplicates');

/**
 * Writes today's duplicates list.
 * @param {'csv'|'xlsx'} format
 * @param {string} lang "en" or "ja"
 * @param {string} path
 * @returns {Promise<string>} the path written
 */
export const exportDuplicates = (format, lang, path) =>
  call(format === 'xlsx' ? 'export_duplicates_xlsx' : 'export_duplicates_csv', { lang, path });

/**
 * Renewals and cancellation deadlines within `days` of today.
 * @param {number} days
 * @returns {Promise<Object>}
 */
export const renewals = (days) => call('renewals', { days });

/**
 * Writes the renewals within `days` as an .ics calendar.
 * @param {number} days
 * @param {string} lang
 * @param {string} path
 * @returns {Promise<string>} the path written
 */
export const exportRenewals = (days, lang, path) => call('export_renewals_ics', { days, lang, path });

/**
 * Use cases ranked by their return this month (see `oversight roi --json`).
 * @returns {Promise<Object>}
 */
export const roi = () => call('roi');

/**
 * Adds a use case (id null) or changes one; fails "invalid" per field.
 * @param {string|null} id
 * @param {Object<string, string>} input UseCaseInput
 * @returns {Promise<Object>} the use case
 */
export const saveUseCase = (id, input) => call('save_use_case', { id: id || null, input });

/**
 * Moves a use case to the trash.
 * @param {string} id
 * @returns {Promise<void>}
 */
export const deleteUseCase = (id) => call('delete_use_case', { id });

/**
 * Every department with its hourly cost (null when not set).
 * @returns {Promise<Array<{name: string, cost: ?{currency: string, minor: number}}>>}
 */
export async function hourlyCosts() {
  const pairs = await call('hourly_costs');
  return pairs.map(([name, cost]) => ({ name, cost }));
}

/**
 * Sets a department's hourly cost; blank clears it.
 * @param {string} department
 * @param {string} cost e.g. "3500" or "¥3,500"
 * @returns {Promise<void>}
 */
export const setHourlyCost = (department, cost) => call('set_hourly_cost', { department, cost: String(cost) });

/**
 * Everything in the trash, last deleted first.
 * @returns {Promise<Array<{kind: string, id: string, label: string, deleted_at: string}>>}
 */
export const listTrash = () => call('list_trash');

/**
 * Puts a deleted record back.
 * @param {'contract'|'plan'|'use_case'} kind
 * @param {string} id
 * @returns {Promise<void>}
 */
export const restoreFromTrash = (kind, id) => call('restore_from_trash', { kind, id });

/**
 * Removes everything in the trash for good.
 * @returns {Promise<number>} records removed
 */
export const emptyTrash = () => call('empty_trash');

/** What the survey and contracts imports read. */
const TABLE_FILES = ['csv', 'tsv', 'txt', 'xlsx', 'xls'];

/**
 * Asks the user for one file to open.
 * @param {string} title dialog title
 * @param {string} filterName name of the file filter
 * @param {string[]} extensions the filter's extensions
 * @returns {Promise<string|null>} the path, or null when cancelled
 */
async function chooseFile(title, filterName, extensions) {
  try {
    const picked = await tauri.dialog.open({ title, multiple: false, directory: false, filters: [{ name: filterName, extensions }] });
    return pathOf(picked);
  } catch (e) {
    throw toUserError(e);
  }
}

/**
 * Asks the user for a contracts file to open.
 * @param {string} title dialog title
 * @param {string} filterName name of the file filter
 * @returns {Promise<string|null>} the path, or null when cancelled
 */
export const chooseContractsFile = (title, filterName) => chooseFile(title, filterName, TABLE_FILES);

/**
 * Asks the user for a survey export to open.
 * @param {string} title dialog title
 * @param {string} filterName name of the file filter
 * @returns {Promise<string|null>} the path, or null when cancelled
 */
export const chooseSurveyFile = (title, filterName) => chooseFile(title, filterName, TABLE_FILES);

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

/**
 * The prompt library, filtered and ordered.
 * @param {{department?: string, category?: string, tag?: string, status?: string, tool?: string, order?: 'title'|'most_used'|'best_rated'|'updated', limit?: number}} [filter]
 * @returns {Promise<Array<Object>>} templates (see `oversight prompts list --json`)
 */
export const listPrompts = (filter = {}) => call('list_prompts', { filter: blankless(filter) });

/**
 * Searches the library; any text is a valid query.
 * @param {string} query
 * @param {Object} [filter] as for listPrompts
 * @returns {Promise<{query: string, mode: string, hits: Array<{prompt: Object, excerpt: Array<{text: string, hit: boolean}>}>}>}
 */
export const searchPrompts = (query, filter = {}) => call('search_prompts', { query, filter: blankless(filter) });

/**
 * One template.
 * @param {string} id
 * @returns {Promise<Object>}
 */
export const getPrompt = (id) => call('get_prompt', { id });

/**
 * Saves a new template (no id) or the next version of one.
 * @param {string|null} id
 * @param {Object} content title, body, variables, category, department, tools, data_classes, tags, status, owner
 * @returns {Promise<Object>} the stored template
 */
export const savePrompt = (id, content) => call('save_prompt', { id: id || null, content });

/**
 * A template's versions, newest first.
 * @param {string} id
 * @returns {Promise<Array<{version: number, saved_at: string, title: string, note: string}>>}
 */
export const promptVersions = (id) => call('prompt_versions', { id });

/**
 * The departments, categories, tags and tools the whole library uses.
 * @returns {Promise<{department: string[], category: string[], tag: string[], tool: string[]}>}
 */
export const promptFacets = () => call('prompt_facets', {});

/**
 * One saved version of a template, whole.
 * @param {string} id
 * @param {number} version
 * @returns {Promise<Object>} its title, body, variables and other fields
 */
export const promptVersion = (id, version) => call('prompt_version', { id, version });

/**
 * The line diff of a template's body between two versions.
 * @param {string} id
 * @param {number} from
 * @param {number} to
 * @returns {Promise<Array<{change: 'same'|'added'|'removed', text: string}>>}
 */
export const promptDiff = (id, from, to) => call('prompt_diff', { id, from, to });

/**
 * Saves an old version again as the newest.
 * @param {string} id
 * @param {number} version
 * @returns {Promise<Object>} the template
 */
export const restorePrompt = (id, version) => call('restore_prompt', { id, version });

/**
 * The template's body with the values filled in; counts nothing.
 * @param {string} id
 * @param {Object<string, string>} values by variable name
 * @returns {Promise<string>}
 */
export const fillPrompt = (id, values) => call('fill_prompt', { id, values });

/**
 * The filled prompt to copy; refused while a variable has no value and no
 * default.
 * @param {string} id
 * @param {Object<string, string>} values
 * @returns {Promise<string>}
 */
export const fillPromptForUse = (id, values) => call('fill_prompt_for_use', { id, values });

/**
 * Counts one use of a template.
 * @param {string} id
 * @returns {Promise<number>} the new count
 */
export const recordPromptUse = (id) => call('record_prompt_use', { id });

/**
 * Rates a template.
 * @param {string} id
 * @param {number} stars 1 to 5
 * @returns {Promise<Object>} the template
 */
export const ratePrompt = (id, stars) => call('rate_prompt', { id, stars });

/**
 * Moves a template to the trash.
 * @param {string} id
 * @returns {Promise<void>}
 */
export const deletePrompt = (id) => call('delete_prompt', { id });

/**
 * Writes the library to a file or folder.
 * @param {'markdown'|'json'|'csv'} format markdown writes a folder
 * @param {string} path
 * @returns {Promise<string|number>} the path written, or (markdown) how many files
 */
export function exportPrompts(format, path) {
  if (format === 'markdown') return call('export_prompts_markdown', { dir: path });
  return call(format === 'csv' ? 'export_prompts_csv' : 'export_prompts_json', { path });
}

/**
 * Imports a library file or folder.
 * @param {string} path
 * @param {'markdown'|'json'|'csv'} format
 * @param {'skip'|'replace'|'keep_both'} onConflict
 * @param {boolean} dryRun
 * @returns {Promise<{templates: number, added: number, replaced: number, kept_both: number, skipped: number, conflicts: Array<{title: string, existing_id: string, by: string}>, dry_run: boolean}>}
 */
export const importPrompts = (path, format, onConflict, dryRun) =>
  call('import_prompts', { path, format, onConflict, dryRun });

/**
 * The review checklists with their items.
 * @returns {Promise<Array<{id: string, name: string, kind: string, lang: string, items: Array<string>}>>}
 */
export const listChecklists = () => call('list_checklists');

/**
 * Makes or changes a checklist, with its full ordered list of items.
 * @param {string|null} id
 * @param {string} name
 * @param {string} kind copy, code, analysis or other
 * @param {Array<string>} items
 * @returns {Promise<Object>} the checklist
 */
export const saveChecklist = (id, name, kind, items) => call('save_checklist', { id: id || null, name, kind, items });

/**
 * Starts a review.
 * @param {{checklist: string, deliverable: string, department: string, tool: string, prompt: string, reviewer: string, reviewed_on: string, note: string}} input
 * @returns {Promise<Object>} the review
 */
export const startReview = (input) => call('start_review', { input });

/**
 * Marks one item of a review.
 * @param {string} id
 * @param {number} position
 * @param {'pass'|'fail'|'na'} mark
 * @param {string} note
 * @returns {Promise<Object>} the review
 */
export const markReviewItem = (id, position, mark, note) => call('mark_review_item', { id, position, mark, note });

/**
 * Sets a review open, approved or rejected.
 * @param {string} id
 * @param {'open'|'approved'|'rejected'} status
 * @returns {Promise<Object>} the review
 */
export const setReviewStatus = (id, status) => call('set_review_status', { id, status });

/**
 * The reviews, newest first.
 * @param {{department?: string, prompt?: string, checklist?: string}} [filter]
 * @returns {Promise<Array<Object>>}
 */
export const listReviews = (filter = {}) => call('list_reviews', { filter: blankless(filter) });

/**
 * Writes a review as PDF or Markdown.
 * @param {string} id
 * @param {'pdf'|'md'} format
 * @param {string} lang "en" or "ja"
 * @param {string} path
 * @returns {Promise<string>} the path written
 */
export const exportReview = (id, format, lang, path) =>
  call(format === 'pdf' ? 'export_review_pdf' : 'export_review_markdown', { id, lang, path });

/** A filter without its blank fields, which the core reads as "any". */
function blankless(filter) {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== '' && v !== null && v !== undefined));
}

/**
 * Asks the user for a folder.
 * @param {string} title dialog title
 * @returns {Promise<string|null>} the path, or null when cancelled
 */
export async function chooseFolder(title) {
  try {
    return pathOf(await tauri.dialog.open({ title, multiple: false, directory: true }));
  } catch (e) {
    throw toUserError(e);
  }
}

/**
 * Asks the user for a prompt library file (JSON or CSV) to open.
 * @param {string} title dialog title
 * @param {string} filterName name of the file filter
 * @returns {Promise<string|null>} the path, or null when cancelled
 */
export const chooseLibraryFile = (title, filterName) => chooseFile(title, filterName, ['json', 'csv']);

/** The dialog plugin answers with a path string (or, in some versions, an object). */
function pathOf(picked) {
  if (!picked) return null;
  if (typeof picked === 'string') return picked;
  return picked.path || null;
}
