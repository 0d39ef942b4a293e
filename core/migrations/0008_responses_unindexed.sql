-- 0008: `responses` keeps no index but one by batch, and no text that its
-- source row already holds.
--
-- The unique index on `fingerprint` and `responses_by_respondent` made
-- every imported row insert two more B-tree entries at random places,
-- which with rebuilding the respondent index after a bulk import was
-- about a third of an import's time. An import now reads the
-- fingerprints and respondents it needs in one pass over this table
-- (survey::Held) and decides duplicates and latest submissions in
-- memory; an import into an empty store reads nothing.
--
-- The e-mail, name, payment, tasks and requests answers were stored
-- twice: as columns here and in `cells`. They are now read from `cells`
-- through the batch's mapping (survey::TextColumns).
--
-- SQLite drops neither a column constraint nor a column with one, so the
-- table is built again: a new one, the rows copied, the old one dropped
-- and the new one renamed. Migrations run with foreign keys off (store.rs)
-- so that dropping the old table cascades to no flag or contract, and
-- foreign_key_check runs before the commit.

CREATE TABLE responses_new (
    id                    INTEGER PRIMARY KEY,
    batch_id              INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    row_number            INTEGER NOT NULL,
    -- A hash of the row's cells as read (survey::row): an import adds no
    -- row whose fingerprint the store holds. Unique, but kept so by the
    -- import rather than by an index.
    fingerprint           BLOB NOT NULL,
    -- Local time as ISO 8601 (YYYY-MM-DDTHH:MM:SS); NULL when unreadable.
    submitted_at          TEXT,
    -- A hash of the lower-cased e-mail address; NULL when anonymous.
    respondent_key        INTEGER,
    department_id         INTEGER REFERENCES departments (id),
    -- company | expense | personal | free | other; NULL when not given.
    payment               TEXT,
    -- NULL means unknown (blank or flagged), never zero.
    monthly_cost_minor    INTEGER,
    monthly_cost_currency TEXT,
    usage_minutes_week    INTEGER,
    saved_minutes_week    INTEGER,
    challenges            TEXT NOT NULL DEFAULT '[]',
    data_kinds            TEXT NOT NULL DEFAULT '[]',
    tool_count            INTEGER NOT NULL DEFAULT 0,
    -- 1 when the same respondent submitted again later.
    superseded            INTEGER NOT NULL DEFAULT 0,
    -- The tools it names, a JSON array of tools.id in answer order.
    tool_ids              TEXT NOT NULL DEFAULT '[]',
    -- The source row verbatim: a JSON array in the order of the batch's
    -- headers, null where personal data was left out.
    cells                 TEXT NOT NULL DEFAULT '[]'
) STRICT;

INSERT INTO responses_new (id, batch_id, row_number, fingerprint, submitted_at,
    respondent_key, department_id, payment, monthly_cost_minor, monthly_cost_currency,
    usage_minutes_week, saved_minutes_week, challenges, data_kinds, tool_count, superseded,
    tool_ids, cells)
SELECT id, batch_id, row_number, fingerprint, submitted_at,
    respondent_key, department_id, payment, monthly_cost_minor, monthly_cost_currency,
    usage_minutes_week, saved_minutes_week, challenges, data_kinds, tool_count, superseded,
    tool_ids, cells
FROM responses;

DROP TABLE responses;
ALTER TABLE responses_new RENAME TO responses;

-- The one index: by batch. An import appends to its end (its batch id is
-- the newest and its rows' ids rise), so it costs an import little; undo
-- finds a batch's rows by it, and count(*) reads it instead of the table
-- (2 MB rather than 75 MB for 200,000 responses).
CREATE INDEX responses_by_batch ON responses (batch_id);
