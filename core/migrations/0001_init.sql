-- 0001: the first schema. It holds the settings and rate table, the tool
-- catalogue with its aliases, departments, and the survey: each import
-- batch, every source row verbatim, the responses parsed from them, and
-- the values that could not be read (flags) until the user fixes them.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Base-currency units for one unit of `currency`, in millionths.
CREATE TABLE rates (
    currency TEXT PRIMARY KEY,
    micros   INTEGER NOT NULL CHECK (micros > 0),
    rate     TEXT NOT NULL,
    as_of    TEXT NOT NULL
) STRICT;

-- Small tables that a later merge of two laptops' stores must match have
-- a UUID v7 `uid` beside the integer key that joins use. Survey rows need
-- none: a row is identified by its fingerprint, the same on every laptop.

CREATE TABLE tools (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL UNIQUE,
    vendor     TEXT,
    category   TEXT,
    -- 1 for a catalogue entry, 0 for an "Other" answer kept under its text.
    in_catalog INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Spellings that name a tool; compared after survey::values::fold, so
-- case, width and bracketed notes do not matter here.
CREATE TABLE tool_aliases (
    alias   TEXT PRIMARY KEY,
    tool_id INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE
) STRICT;

CREATE TABLE departments (
    id   INTEGER PRIMARY KEY,
    uid  TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE
) STRICT;

-- The header-to-field mapping last used for a form, keyed by its headers.
CREATE TABLE form_mappings (
    form_key   TEXT PRIMARY KEY,
    mapping    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    date_order  TEXT,
    mapping     TEXT NOT NULL,
    -- The file's header row, a JSON array; each response's `cells` is a
    -- JSON array in the same order, so header -> cell is recoverable.
    headers     TEXT NOT NULL,
    rows_read   INTEGER NOT NULL,
    rows_added  INTEGER NOT NULL
) STRICT;

-- One row per survey response: the values read from its source row.
-- The row itself is in response_cells, apart, so that this table stays
-- narrow enough for the counting queries to read from memory.
CREATE TABLE responses (
    id                    INTEGER PRIMARY KEY,
    batch_id              INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    row_number            INTEGER NOT NULL,
    -- A hash of the non-blank cells by header: a re-import adds nothing.
    fingerprint           BLOB NOT NULL UNIQUE,
    -- Local time as ISO 8601 (YYYY-MM-DDTHH:MM:SS); NULL when unreadable.
    submitted_at          TEXT,
    -- A hash of the lower-cased e-mail address; NULL when anonymous.
    respondent_key        INTEGER,
    email                 TEXT,
    name                  TEXT,
    department_id         INTEGER REFERENCES departments (id),
    -- company | expense | personal | free | other; NULL when not given.
    payment               TEXT,
    payment_text          TEXT,
    -- NULL means unknown (blank or flagged), never zero.
    monthly_cost_minor    INTEGER,
    monthly_cost_currency TEXT,
    tasks                 TEXT,
    requests              TEXT,
    usage_minutes_week    INTEGER,
    saved_minutes_week    INTEGER,
    challenges            TEXT NOT NULL DEFAULT '[]',
    data_kinds            TEXT NOT NULL DEFAULT '[]',
    tool_count            INTEGER NOT NULL DEFAULT 0,
    -- 1 when the same respondent submitted again later.
    superseded            INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The source row verbatim: a JSON array of its cells in the order of
-- the batch's headers, with null where personal data was left out.
CREATE TABLE response_cells (
    response_id INTEGER PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
    cells       TEXT NOT NULL
) STRICT;

CREATE INDEX responses_by_respondent
    ON responses (respondent_key, submitted_at) WHERE respondent_key IS NOT NULL;

CREATE TABLE response_tools (
    response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    tool_id     INTEGER NOT NULL REFERENCES tools (id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (response_id, tool_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE flags (
    id          TEXT PRIMARY KEY,
    response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    row_number  INTEGER NOT NULL,
    column_name TEXT NOT NULL,
    raw         TEXT NOT NULL,
    reason      TEXT NOT NULL,
    -- The text the user typed to fix the value, and when.
    fixed_value TEXT,
    resolved_at TEXT
) STRICT;

CREATE INDEX flags_by_response ON flags (response_id);

-- Tallies of the counted (not superseded) responses, rebuilt by
-- inventory::refresh_tallies in the same transaction as every change to
-- responses, so the dashboard reads a few hundred rows, not every
-- response. Department 0 is "no department given"; tool 0 "no tool".
CREATE TABLE tally_departments (
    department_id INTEGER PRIMARY KEY,
    respondents   INTEGER NOT NULL,
    saved_minutes INTEGER NOT NULL,
    usage_minutes INTEGER NOT NULL
) STRICT;

CREATE TABLE tally_spend (
    department_id INTEGER NOT NULL,
    tool_id       INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    minor         INTEGER NOT NULL,
    PRIMARY KEY (department_id, tool_id, currency)
) STRICT, WITHOUT ROWID;

CREATE TABLE tally_tools (
    department_id INTEGER NOT NULL,
    tool_id       INTEGER NOT NULL,
    payment       TEXT NOT NULL,
    respondents   INTEGER NOT NULL,
    PRIMARY KEY (department_id, tool_id, payment)
) STRICT, WITHOUT ROWID;

CREATE TABLE tally_payments (
    department_id INTEGER NOT NULL,
    payment       TEXT NOT NULL,
    respondents   INTEGER NOT NULL,
    PRIMARY KEY (department_id, payment)
) STRICT, WITHOUT ROWID;

CREATE TABLE tally_challenges (
    department_id INTEGER NOT NULL,
    challenge     TEXT NOT NULL,
    respondents   INTEGER NOT NULL,
    PRIMARY KEY (department_id, challenge)
) STRICT, WITHOUT ROWID;

INSERT INTO settings (key, value) VALUES
    ('base_currency', 'JPY'),
    ('fiscal_year_start_month', '4');

INSERT INTO rates (currency, micros, rate, as_of) VALUES
    ('USD', 150000000, '150', '2026-11-01');

-- The tool catalogue people name in surveys, with the spellings seen in
-- answers. Aliases are compared after survey::values::fold, so case, width and
-- bracketed notes do not matter here.
INSERT INTO tools (id, uid, name, vendor, category) VALUES
    (1, '0192f0a0-0000-7000-8000-000000000001', 'ChatGPT', 'OpenAI', 'chat'),
    (2, '0192f0a0-0000-7000-8000-000000000002', 'Claude', 'Anthropic', 'chat'),
    (3, '0192f0a0-0000-7000-8000-000000000003', 'Microsoft Copilot', 'Microsoft', 'chat'),
    (4, '0192f0a0-0000-7000-8000-000000000004', 'GitHub Copilot', 'GitHub', 'coding'),
    (5, '0192f0a0-0000-7000-8000-000000000005', 'Gemini', 'Google', 'chat'),
    (6, '0192f0a0-0000-7000-8000-000000000006', 'DeepL', 'DeepL', 'translation'),
    (7, '0192f0a0-0000-7000-8000-000000000007', 'Notion AI', 'Notion', 'writing'),
    (8, '0192f0a0-0000-7000-8000-000000000008', 'Perplexity', 'Perplexity', 'search'),
    (9, '0192f0a0-0000-7000-8000-000000000009', 'Cursor', 'Anysphere', 'coding'),
    (10, '0192f0a0-0000-7000-8000-00000000000a', 'Midjourney', 'Midjourney', 'image'),
    (11, '0192f0a0-0000-7000-8000-00000000000b', 'Adobe Firefly', 'Adobe', 'image'),
    (12, '0192f0a0-0000-7000-8000-00000000000c', 'NotebookLM', 'Google', 'research'),
    (13, '0192f0a0-0000-7000-8000-00000000000d', 'Local LLM', NULL, 'local');

INSERT INTO tool_aliases (alias, tool_id) VALUES
    ('ChatGPT', 1),
    ('Chat GPT', 1),
    ('ChatGPT Plus', 1),
    ('GPT Plus', 1),
    ('GPT', 1),
    ('GPT-4', 1),
    ('GPT-4o', 1),
    ('OpenAI', 1),
    ('チャットGPT', 1),
    ('チャットジーピーティー', 1),
    ('Claude', 2),
    ('Claude Pro', 2),
    ('Anthropic Claude', 2),
    ('クロード', 2),
    ('Microsoft Copilot', 3),
    ('Copilot', 3),
    ('Microsoft 365 Copilot', 3),
    ('M365 Copilot', 3),
    ('Copilot for Microsoft 365', 3),
    ('Bing Chat', 3),
    ('Bing AI', 3),
    ('コパイロット', 3),
    ('GitHub Copilot', 4),
    ('Github Copilot Business', 4),
    ('Copilot (GitHub)', 4),
    ('Gemini', 5),
    ('Google Gemini', 5),
    ('Gemini Advanced', 5),
    ('Bard', 5),
    ('Google Bard', 5),
    ('ジェミニ', 5),
    ('DeepL', 6),
    ('DeepL Pro', 6),
    ('DeepL翻訳', 6),
    ('ディープエル', 6),
    ('Notion AI', 7),
    ('NotionAI', 7),
    ('Notion', 7),
    ('Perplexity', 8),
    ('Perplexity AI', 8),
    ('Cursor', 9),
    ('Midjourney', 10),
    ('Adobe Firefly', 11),
    ('Firefly', 11),
    ('NotebookLM', 12),
    ('Local LLM', 13),
    ('ローカルLLM', 13),
    ('Ollama', 13),
    ('LM Studio', 13);
