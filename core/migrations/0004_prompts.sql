-- 0004: the company prompt library and review checklists for AI-made
-- deliverables.

CREATE TABLE prompts (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    -- JSON array of {name, kind, default, options}; kind is text |
    -- long_text | date | choice.
    variables    TEXT NOT NULL DEFAULT '[]',
    category     TEXT NOT NULL DEFAULT '',
    department   TEXT NOT NULL DEFAULT '',
    -- JSON arrays of names.
    tools        TEXT NOT NULL DEFAULT '[]',
    data_classes TEXT NOT NULL DEFAULT '[]',
    tags         TEXT NOT NULL DEFAULT '[]',
    status       TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'retired')),
    owner        TEXT NOT NULL DEFAULT '',
    uses         INTEGER NOT NULL DEFAULT 0,
    rating_sum   INTEGER NOT NULL DEFAULT 0,
    rating_count INTEGER NOT NULL DEFAULT 0,
    -- The number of the latest version in prompt_versions.
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;

-- An import looks a template up by its title when the ids differ; the
-- library lists by title, most used, best rated or last saved.
CREATE INDEX prompts_by_title ON prompts (title) WHERE deleted_at IS NULL;
CREATE INDEX prompts_by_title_nocase ON prompts (title COLLATE NOCASE, id) WHERE deleted_at IS NULL;
CREATE INDEX prompts_by_uses ON prompts (uses DESC, title) WHERE deleted_at IS NULL;
CREATE INDEX prompts_by_updated ON prompts (updated_at DESC, title) WHERE deleted_at IS NULL;
CREATE INDEX prompts_by_rating ON prompts (
    (rating_count = 0), (1.0 * rating_sum / max(rating_count, 1)) DESC, rating_count DESC, title
) WHERE deleted_at IS NULL;

-- Every save, whole: what the template was at that version.
CREATE TABLE prompt_versions (
    prompt_id INTEGER NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    -- The template's fields as JSON (title, body, variables, …).
    content   TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (prompt_id, version)
) STRICT, WITHOUT ROWID;

-- The search index: trigram, so Japanese (which has no spaces) and
-- English both match by substring. rowid = prompts.id. Kept by
-- prompts.rs on every save, with control characters removed first.
CREATE VIRTUAL TABLE prompts_fts USING fts5 (title, body, tags, tokenize = 'trigram');

-- The titles alone, so that a word found in very many bodies can still
-- bring the templates with it in the title first, quickly.
CREATE VIRTUAL TABLE prompts_title_fts USING fts5 (title, tokenize = 'trigram');

-- Ranking: a match in the title counts 10 times one in the body, tags 5.
INSERT INTO prompts_fts (prompts_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 5.0)');

-- The index's trigrams, so a two-character word can be looked up as the
-- trigrams it starts.
CREATE VIRTUAL TABLE prompts_vocab USING fts5vocab (prompts_fts, 'row');

CREATE TABLE checklists (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    -- copy | code | analysis | other
    kind       TEXT NOT NULL,
    lang       TEXT NOT NULL DEFAULT '',
    seed_key   TEXT UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE TABLE checklist_items (
    id           INTEGER PRIMARY KEY,
    checklist_id INTEGER NOT NULL REFERENCES checklists (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL,
    UNIQUE (checklist_id, position)
) STRICT;

CREATE TABLE review_runs (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    checklist_id INTEGER NOT NULL REFERENCES checklists (id),
    deliverable  TEXT NOT NULL,
    department   TEXT NOT NULL DEFAULT '',
    tool         TEXT NOT NULL DEFAULT '',
    prompt_id    INTEGER REFERENCES prompts (id) ON DELETE SET NULL,
    reviewer     TEXT NOT NULL,
    reviewed_on  TEXT NOT NULL,
    -- open | approved | rejected
    status       TEXT NOT NULL CHECK (status IN ('open', 'approved', 'rejected')),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- Each item of a run as it read when reviewed, and its mark.
CREATE TABLE review_marks (
    run_id   INTEGER NOT NULL REFERENCES review_runs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    item     TEXT NOT NULL,
    -- pass | fail | na | NULL (not marked yet)
    mark     TEXT CHECK (mark IN ('pass', 'fail', 'na')),
    note     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, position)
) STRICT, WITHOUT ROWID;

-- The rule, kept by the database as well as by reviews.rs: a run with a
-- failed item cannot be approved.
CREATE TRIGGER review_runs_no_approval_with_a_fail
BEFORE UPDATE OF status ON review_runs
WHEN NEW.status = 'approved'
    AND EXISTS (SELECT 1 FROM review_marks WHERE run_id = NEW.id AND mark = 'fail')
BEGIN
    SELECT RAISE(ABORT, 'a review with a failed item cannot be approved');
END;

CREATE TRIGGER review_marks_no_fail_on_an_approved_run
BEFORE UPDATE OF mark ON review_marks
WHEN NEW.mark = 'fail'
    AND (SELECT status FROM review_runs WHERE id = NEW.run_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'an approved review cannot get a failed item; reopen it first');
END;
