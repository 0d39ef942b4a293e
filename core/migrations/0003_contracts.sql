-- 0003: what the company pays for. The catalogue's plans with their list
-- prices, contracts (subscriptions), the hourly cost of each department,
-- and AI use cases with the time they save. Deleting a plan, contract or
-- use case sets its deleted_at: it waits in the trash until restored or
-- emptied. (0002 is the survey's storage layout, a separate change.)

-- A department's loaded cost of an hour of work, for the value of time
-- saved; NULL until the user sets it.
ALTER TABLE departments ADD COLUMN hourly_cost_minor INTEGER CHECK (hourly_cost_minor >= 0);
ALTER TABLE departments ADD COLUMN hourly_cost_currency TEXT;

-- Set when the user edits a catalogue tool, so the seed never overwrites it.
ALTER TABLE tools ADD COLUMN edited_at TEXT;

-- A product's plans. Seeded from catalog::SEED_PLANS at every open: a
-- seed row (seed_key set) follows the seed until the user edits it
-- (edited_at set) or deletes it (deleted_at set); then it is the user's.
CREATE TABLE plans (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    tool_id          INTEGER NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    -- free | individual | team | enterprise
    tier             TEXT NOT NULL CHECK (tier IN ('free', 'individual', 'team', 'enterprise')),
    -- Per seat per billing period (a year for annual plans) before
    -- consumption tax; NULL when the vendor publishes no price.
    price_minor      INTEGER CHECK (price_minor >= 0),
    currency         TEXT NOT NULL,
    billing          TEXT NOT NULL CHECK (billing IN ('monthly', 'annual')),
    min_seats        INTEGER NOT NULL DEFAULT 1 CHECK (min_seats >= 1),
    -- consumer_cloud | enterprise_cloud | on_premise
    deployment       TEXT NOT NULL
                     CHECK (deployment IN ('consumer_cloud', 'enterprise_cloud', 'on_premise')),
    -- 1 when the vendor may train on what users type (by default).
    trains_on_inputs INTEGER NOT NULL CHECK (trains_on_inputs IN (0, 1)),
    -- The day the price was seen, YYYY-MM-DD.
    as_of            TEXT NOT NULL,
    note             TEXT NOT NULL DEFAULT '',
    seed_key         TEXT UNIQUE,
    edited_at        TEXT,
    deleted_at       TEXT,
    UNIQUE (tool_id, name)
) STRICT;

CREATE TABLE contracts (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    tool_id          INTEGER NOT NULL REFERENCES tools (id),
    plan_id          INTEGER REFERENCES plans (id) ON DELETE SET NULL,
    department_id    INTEGER REFERENCES departments (id),
    -- company: a company contract; expense: a personal plan paid back as
    -- an expense; personal: a personal plan the company does not pay.
    account_kind     TEXT NOT NULL CHECK (account_kind IN ('company', 'expense', 'personal')),
    seats            INTEGER NOT NULL CHECK (seats >= 1),
    -- Per seat per billing period; NULL when unknown (never read as zero).
    unit_price_minor INTEGER CHECK (unit_price_minor >= 0),
    currency         TEXT NOT NULL,
    billing          TEXT NOT NULL CHECK (billing IN ('monthly', 'annual')),
    -- YYYY-MM-DD. A NULL start counts from before any month shown.
    start_date       TEXT,
    renewal_date     TEXT,
    end_date         TEXT,
    auto_renew       INTEGER NOT NULL DEFAULT 1 CHECK (auto_renew IN (0, 1)),
    notice_days      INTEGER NOT NULL DEFAULT 0 CHECK (notice_days >= 0),
    status           TEXT NOT NULL CHECK (status IN ('trial', 'active', 'cancelled', 'ended')),
    owner            TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    -- typed | import | survey
    source           TEXT NOT NULL CHECK (source IN ('typed', 'import', 'survey')),
    -- For an imported row: its import, row number and a hash of the row,
    -- so importing the same file again adds nothing.
    batch_id         INTEGER REFERENCES import_batches (id) ON DELETE CASCADE,
    source_row       INTEGER,
    fingerprint      BLOB UNIQUE,
    -- For a contract confirmed from a survey answer: that response.
    response_id      INTEGER UNIQUE REFERENCES responses (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    CHECK (renewal_date IS NULL OR start_date IS NULL OR renewal_date >= start_date),
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
) STRICT;

CREATE INDEX contracts_by_tool ON contracts (tool_id) WHERE deleted_at IS NULL;

-- A task that AI does for a department, with the time it saves: either
-- minutes per run × runs a month, or minutes a month given directly.
CREATE TABLE use_cases (
    id                  INTEGER PRIMARY KEY,
    uid                 TEXT NOT NULL UNIQUE,
    department_id       INTEGER NOT NULL REFERENCES departments (id),
    task                TEXT NOT NULL,
    tool_id             INTEGER REFERENCES tools (id),
    minutes_per_run     INTEGER CHECK (minutes_per_run >= 0),
    runs_per_month      INTEGER CHECK (runs_per_month >= 0),
    saved_minutes_month INTEGER CHECK (saved_minutes_month >= 0),
    -- The seats of the department's contracts for the tool that this use
    -- case takes; its share of their cost.
    seats               INTEGER NOT NULL DEFAULT 1 CHECK (seats >= 1),
    note                TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT,
    CHECK ((minutes_per_run IS NOT NULL AND runs_per_month IS NOT NULL)
           OR saved_minutes_month IS NOT NULL)
) STRICT;

INSERT INTO settings (key, value) VALUES
    ('prices_include_tax', 'false'),
    ('consumption_tax_percent', '10');
