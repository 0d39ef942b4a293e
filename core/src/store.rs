//! The store: one SQLite file, opened the same way everywhere.
//!
//! This module owns the connection's pragmas, the schema migrations in
//! `core/migrations/` (tracked in `PRAGMA user_version`) and the backup
//! taken before a migration runs. It knows nothing of surveys or money;
//! the other modules bring their own SQL. The one exception: after
//! migrating it asks `catalog` to apply a newer seed of plans.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use tracing::{debug, info};

/// The migrations, in order; the schema version is the count applied.
/// A file here is never edited once it has shipped: add a new one.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../migrations/0001_init.sql")),
    ("0002_survey_rows", include_str!("../migrations/0002_survey_rows.sql")),
    ("0003_contracts", include_str!("../migrations/0003_contracts.sql")),
    ("0004_prompts", include_str!("../migrations/0004_prompts.sql")),
    ("0005_prompt_index_spaces", include_str!("../migrations/0005_prompt_index_spaces.sql")),
    ("0006_fingerprint_version", include_str!("../migrations/0006_fingerprint_version.sql")),
    ("0007_more_tool_aliases", include_str!("../migrations/0007_more_tool_aliases.sql")),
    ("0008_responses_unindexed", include_str!("../migrations/0008_responses_unindexed.sql")),
];

/// The page size of a new database file, in bytes.
const PAGE_SIZE: i64 = 16384;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Errors of opening and writing the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The file was written by a newer version of the app.
    #[error(
        "{path} has schema version {found}, newer than this app understands ({supported}); \
         update AI Oversight to open it"
    )]
    TooNew {
        /// The database file.
        path: String,
        /// Its `user_version`.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The file is not a SQLite database.
    #[error("{path} is not an AI Oversight database: {reason}")]
    NotADatabase {
        /// The file.
        path: String,
        /// What SQLite said.
        reason: String,
    },
    /// The file could not be opened or migrated.
    #[error(
        "{path}: {source}; if the file is damaged, restore a copy from the backups folder \
         beside it"
    )]
    Open {
        /// The database file.
        path: String,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// A migration would have left the file inconsistent; it was rolled
    /// back, so the file is as it was before.
    #[error("{path}: migration {migration} was not applied: {reason}")]
    Migration {
        /// The database file.
        path: String,
        /// The migration's name.
        migration: String,
        /// What it would have broken.
        reason: String,
    },
    /// A folder or file could not be made or read.
    #[error("{path}: {source}")]
    Io {
        /// The path that failed.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// An open database, migrated to [`SCHEMA_VERSION`].
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it,
    /// taking a backup first when an existing file needs migrating.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut store = Store::open_with(path, MIGRATIONS)?;
        store.seed().map_err(|e| open_error(path, e))?;
        Ok(store)
    }

    /// Brings the catalogue's seed plans up to this build's (see
    /// `catalog::sync_seed`) and adds the seeded review checklists: the
    /// things besides the schema that an upgrade changes in a file.
    fn seed(&mut self) -> Result<(), rusqlite::Error> {
        if crate::catalog::seed_is_current(&self.conn)?
            && crate::reviews::seed_is_current(&self.conn)?
        {
            return Ok(());
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        crate::catalog::sync_seed(&tx)?;
        crate::reviews::seed(&tx)?;
        tx.commit()
    }

    /// Opens `path` and brings it to the version `migrations` define;
    /// [`Store::open`] with the real list, tests with their own.
    fn open_with(path: &Path, migrations: &[(&str, &str)]) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| StoreError::Io { path: dir.display().to_string(), source })?;
        }
        let conn = Connection::open(path).map_err(|e| open_error(path, e))?;
        let mut store = Store { conn, path: Some(path.to_path_buf()) };
        store.configure().map_err(|e| open_error(path, e))?;
        store.refuse_foreign()?;
        store.migrate(migrations).map_err(|e| match e {
            StoreError::Sqlite(e) => open_error(path, e),
            other => other,
        })?;
        Ok(store)
    }

    /// A fresh database in memory, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut store = Store { conn: Connection::open_in_memory()?, path: None };
        store.configure()?;
        store.migrate(MIGRATIONS)?;
        store.seed()?;
        Ok(store)
    }

    /// The file this store lives in; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one IMMEDIATE write transaction, committed only when
    /// `f` succeeds, so a failure leaves the file exactly as it was.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Transaction) -> Result<T, E>) -> Result<T, E>
    where
        E: From<rusqlite::Error>,
    {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Like [`Store::write`], but rolls back even when `f` succeeds unless
    /// `commit` is true: a dry run does all the work and keeps none of it.
    pub fn write_or_rollback<T, E>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&Transaction) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<rusqlite::Error>,
    {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        if commit {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(value)
    }

    /// Runs SQLite's own integrity check; `Ok` means the file is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut problems: Vec<String> = rows.collect::<Result<_, _>>()?;
        problems.retain(|p| p != "ok");
        // Full-text indexes check themselves on request.
        let mut stmt = self.conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND (sql LIKE '%USING fts5 (%' OR sql LIKE '%USING fts5(%')",
        )?;
        let indexes: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        for name in indexes {
            if let Err(e) = self.conn.execute(
                &format!("INSERT INTO \"{name}\" (\"{name}\") VALUES ('integrity-check')"),
                [],
            ) {
                problems.push(format!("{name}: {e}"));
            }
        }
        Ok(problems)
    }

    /// Refuses a SQLite file of another program: one that has tables but
    /// no schema version of ours, which migrating would mix into.
    fn refuse_foreign(&self) -> Result<(), StoreError> {
        let path = self.display_path();
        let fail = |e| open_error(Path::new(&path), e);
        let version: i64 =
            self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(fail)?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0))
            .map_err(fail)?;
        if version == 0 && tables > 0 {
            return Err(StoreError::NotADatabase {
                path,
                reason: "it is a SQLite database of another program (it has tables but no \
                         AI Oversight schema version)"
                    .into(),
            });
        }
        Ok(())
    }

    fn configure(&mut self) -> Result<(), rusqlite::Error> {
        // A new file gets 16 KiB pages rather than 4 KiB: a response row
        // (its source cells included) is about half a kilobyte, and an
        // import of 200,000 of them spends a fifth less time allocating,
        // balancing and writing pages. This only takes effect before the
        // first table exists (and before WAL); older files keep theirs.
        self.conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        // WAL lets the window read while an import writes; FULL syncs each
        // commit so a power cut loses no committed import.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // 64 MB of page cache: an import of 200,000 rows touches its hash
        // indexes all over, and SQLite's 2 MB default makes that thrash.
        self.conn.pragma_update(None, "cache_size", -65536)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    fn migrate(&mut self, migrations: &[(&str, &str)]) -> Result<(), StoreError> {
        let latest = migrations.len() as i64;
        let found: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > latest {
            return Err(StoreError::TooNew { path: self.display_path(), found, supported: latest });
        }
        if found == latest {
            debug!(version = found, "schema is current");
            return Ok(());
        }
        if found > 0 {
            self.backup(found)?;
        }
        // Foreign keys are off while migrations run, as SQLite's way of
        // rebuilding a table asks: dropping the old table must not cascade
        // to the rows that refer to it. Each migration checks them before
        // it commits instead.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let applied = self.apply(migrations, found);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        applied?;
        info!(from = found, to = latest, "migrated the database");
        Ok(())
    }

    /// Applies `migrations` after the first `found`, each in its own
    /// transaction, refusing one that leaves a foreign key broken.
    fn apply(&mut self, migrations: &[(&str, &str)], found: i64) -> Result<(), StoreError> {
        let path = self.display_path();
        for (index, (name, sql)) in migrations.iter().enumerate().skip(found as usize) {
            let version = index as i64 + 1;
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            let broken: Vec<(String, i64)> = tx
                .prepare("SELECT \"table\", rowid FROM pragma_foreign_key_check")?
                .query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0))))?
                .collect::<Result<_, _>>()?;
            if let Some((table, row)) = broken.first() {
                return Err(StoreError::Migration {
                    path,
                    migration: name.to_string(),
                    reason: format!(
                        "it would leave {} row(s) whose foreign key refers to nothing \
                         (the first: {table}, row {row})",
                        broken.len()
                    ),
                });
            }
            tx.pragma_update(None, "user_version", version)?;
            tx.commit()?;
            debug!(migration = name, version, "applied migration");
        }
        Ok(())
    }

    /// Copies the file, through SQLite's backup API, to
    /// `backups/<name>-v<version>-<time>.sqlite3` beside it.
    fn backup(&self, version: i64) -> Result<PathBuf, StoreError> {
        let Some(path) = &self.path else { return Ok(PathBuf::new()) };
        let dir = crate::paths::backup_dir_for(path);
        std::fs::create_dir_all(&dir)
            .map_err(|source| StoreError::Io { path: dir.display().to_string(), source })?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("oversight");
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let target = dir.join(format!("{stem}-v{version}-{stamp}.sqlite3"));
        let mut dst = Connection::open(&target)?;
        rusqlite::backup::Backup::new(&self.conn, &mut dst)?.run_to_completion(
            256,
            std::time::Duration::ZERO,
            None,
        )?;
        info!(backup = %target.display(), "backed up the database before migrating");
        Ok(target)
    }

    fn display_path(&self) -> String {
        self.path.as_ref().map_or(":memory:".into(), |p| p.display().to_string())
    }
}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            StoreError::NotADatabase {
                path: path.display().to_string(),
                reason: "the file is not a SQLite database".into(),
            }
        }
        other => StoreError::Open { path: path.display().to_string(), source: other },
    }
}

/// A new id: UUID v7, so ids made on two laptops never clash and sort by
/// the time they were made.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_store_is_at_the_current_version_with_foreign_keys_on() -> Result<(), StoreError> {
        let store = Store::open_in_memory()?;
        let v: i64 = store.conn().pragma_query_value(None, "user_version", |r| r.get(0))?;
        assert_eq!(v, SCHEMA_VERSION, "every migration ran");
        let fk: i64 = store.conn().pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
        assert_eq!(fk, 1, "foreign keys are enforced");
        Ok(())
    }

    #[test]
    fn a_new_file_has_16_kib_pages_and_an_old_one_keeps_its_own() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let new = dir.path().join("new.sqlite3");
        let page = |path: &Path| -> Result<i64, StoreError> {
            Ok(Store::open(path)?.conn().pragma_query_value(None, "page_size", |r| r.get(0))?)
        };
        assert_eq!(page(&new)?, PAGE_SIZE, "a new file gets the larger pages");
        let old = dir.path().join("old.sqlite3");
        {
            let conn = Connection::open(&old)?;
            conn.pragma_update(None, "page_size", 4096)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        assert_eq!(page(&old)?, 4096, "a file that exists keeps its page size");
        Ok(())
    }

    #[test]
    fn an_older_file_is_backed_up_then_migrated_keeping_its_data() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("old.sqlite3");
        let later =
            "-- a later version adds a column\nALTER TABLE departments ADD COLUMN note TEXT;";
        let v1 = &MIGRATIONS[..1];
        let v2 = [MIGRATIONS[0], ("0002_note", later)];
        {
            let store = Store::open_with(&path, v1)?;
            store
                .conn()
                .execute("INSERT INTO departments (uid, name) VALUES ('u', '経理部')", [])?;
        }
        let store = Store::open_with(&path, &v2)?;
        let v: i64 = store.conn().pragma_query_value(None, "user_version", |r| r.get(0))?;
        assert_eq!(v, 2, "the second migration ran");
        let name: String =
            store
                .conn()
                .query_row("SELECT name FROM departments WHERE note IS NULL", [], |r| r.get(0))?;
        assert_eq!(name, "経理部", "the data survived and the new column exists");

        let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
            .expect("a backups folder was made")
            .collect::<Result<_, _>>()
            .expect("readable");
        assert_eq!(backups.len(), 1, "one backup, taken before migrating");
        let backup = Connection::open(backups[0].path())?;
        let v: i64 = backup.pragma_query_value(None, "user_version", |r| r.get(0))?;
        assert_eq!(v, 1, "the backup is the file as it was, at version 1");
        let n: i64 = backup.query_row("SELECT count(*) FROM departments", [], |r| r.get(0))?;
        assert_eq!(n, 1, "the backup holds the data");
        Ok(())
    }

    #[test]
    fn survey_rows_and_tools_move_into_responses_keeping_their_order() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("v1.sqlite3");
        {
            let store = Store::open_with(&path, &MIGRATIONS[..1])?;
            store.conn().execute_batch(
                "INSERT INTO import_batches (id, uid, kind, file_name, sha256, imported_at,
                     encoding, mapping, headers, rows_read, rows_added)
                 VALUES (1, 'b', 'survey', 'f.csv', 'x', '2026-12-01T09:00:00', 'UTF-8', '{}',
                     '[\"部署\",\"ツール\"]', 2, 2);
                 INSERT INTO responses (id, batch_id, row_number, fingerprint, tool_count)
                 VALUES (1, 1, 2, x'01', 2), (2, 1, 3, x'02', 0);
                 INSERT INTO response_cells VALUES (1, '[\"営業部\",\"Claude, ChatGPT\"]'),
                     (2, '[\"経理部\",\"\"]');
                 INSERT INTO response_tools VALUES (1, 1, 1), (1, 2, 0);
                 INSERT INTO flags (id, response_id, field, row_number, column_name, raw, reason)
                 VALUES ('f', 2, 'monthly_cost', 3, '月額費用', '円円', 'is not an amount');",
            )?;
        }
        let store = Store::open_with(&path, MIGRATIONS)?;
        let rows: Vec<(String, String)> = store
            .conn()
            .prepare("SELECT tool_ids, cells FROM responses ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        assert_eq!(
            rows,
            vec![
                ("[2,1]".to_string(), r#"["営業部","Claude, ChatGPT"]"#.to_string()),
                ("[]".to_string(), r#"["経理部",""]"#.to_string()),
            ],
            "each response holds its tools in answer order and its source row"
        );
        let gone: i64 = store.conn().query_row(
            "SELECT count(*) FROM sqlite_master
             WHERE name IN ('response_cells', 'response_tools')",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(gone, 0, "the side tables are gone");
        let flags: i64 = store.conn().query_row("SELECT count(*) FROM flags", [], |r| r.get(0))?;
        assert_eq!(flags, 1, "dropping the side tables cascaded to nothing else");
        let broken: i64 =
            store
                .conn()
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        assert_eq!(broken, 0, "every foreign key still holds");
        Ok(())
    }

    #[test]
    fn responses_lose_their_indexes_and_doubled_text_keeping_flags_and_contracts(
    ) -> Result<(), StoreError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("v7.sqlite3");
        {
            let store = Store::open_with(&path, &MIGRATIONS[..7])?;
            store.conn().execute_batch(
                "INSERT INTO import_batches (id, uid, kind, file_name, sha256, imported_at,
                     encoding, mapping, headers, rows_read, rows_added)
                 VALUES (1, 'b', 'survey', 'f.csv', 'x', '2026-12-01T09:00:00', 'UTF-8',
                     '{\"email\":\"メール\",\"monthly_cost\":\"月額\"}',
                     '[\"メール\",\"月額\"]', 2, 2);
                 INSERT INTO responses (id, batch_id, row_number, fingerprint, respondent_key,
                     email, monthly_cost_minor, monthly_cost_currency, superseded, cells)
                 VALUES (1, 1, 2, x'01', 7, 'a@example.jp', NULL, NULL, 0,
                         '[\"a@example.jp\",\"円円\"]'),
                        (2, 1, 3, x'02', NULL, NULL, 3000, 'JPY', 0, '[null,\"3000\"]');
                 INSERT INTO flags (id, response_id, field, row_number, column_name, raw, reason)
                 VALUES ('f', 1, 'monthly_cost', 2, '月額', '円円', 'is not an amount');
                 INSERT INTO contracts (id, uid, tool_id, account_kind, seats, currency, billing,
                     status, source, response_id, created_at, updated_at)
                 VALUES (1, 'c', 1, 'personal', 1, 'JPY', 'monthly', 'active', 'survey', 2,
                     '2026-12-01', '2026-12-01');",
            )?;
        }
        let store = Store::open_with(&path, MIGRATIONS)?;
        let conn = store.conn();
        let indexes: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'responses'",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        assert_eq!(indexes, ["responses_by_batch"], "no fingerprint or respondent index is left");
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('responses')")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for gone in ["email", "name", "payment_text", "tasks", "requests"] {
            assert!(!columns.iter().any(|c| c == gone), "{gone} is read from the cells now");
        }
        let kept: Vec<String> = conn
            .prepare(
                "SELECT id || ' ' || hex(fingerprint) || ' ' || ifnull(respondent_key, '-')
                     || ' ' || ifnull(monthly_cost_minor, '-') || ' ' || cells
                 FROM responses ORDER BY id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        assert_eq!(kept, ["1 01 7 - [\"a@example.jp\",\"円円\"]", "2 02 - 3000 [null,\"3000\"]"]);
        let flag: i64 = conn.query_row("SELECT response_id FROM flags", [], |r| r.get(0))?;
        assert_eq!(flag, 1, "dropping the old table deleted no flag");
        let contract: Option<i64> =
            conn.query_row("SELECT response_id FROM contracts", [], |r| r.get(0))?;
        assert_eq!(contract, Some(2), "nor set a contract's response to null");
        let fk: i64 = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
        assert_eq!(fk, 1, "foreign keys are on again after migrating");
        Ok(())
    }

    #[test]
    fn a_migration_that_would_break_a_foreign_key_is_rolled_back() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("v1.sqlite3");
        drop(Store::open_with(&path, &MIGRATIONS[..1])?);
        let breaking: &[(&str, &str)] = &[
            MIGRATIONS[0],
            ("0002_broken", "INSERT INTO tool_aliases (alias, tool_id) VALUES ('x', 999);"),
        ];
        let err = Store::open_with(&path, breaking).err().expect("the migration is refused");
        let msg = err.to_string();
        assert!(msg.contains("0002_broken") && msg.contains("tool_aliases"), "{msg}");
        let conn = Connection::open(&path)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        assert_eq!(version, 1, "the file is as it was");
        let alias: i64 =
            conn.query_row("SELECT count(*) FROM tool_aliases WHERE alias = 'x'", [], |r| {
                r.get(0)
            })?;
        assert_eq!(alias, 0);
        Ok(())
    }

    #[test]
    fn a_file_from_a_newer_version_is_refused_and_left_alone() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("new.sqlite3");
        drop(Store::open(&path)?);
        Connection::open(&path)?.pragma_update(None, "user_version", SCHEMA_VERSION + 5)?;
        let err = Store::open(&path).err().expect("a newer file is refused");
        let msg = err.to_string();
        assert!(matches!(err, StoreError::TooNew { .. }), "{msg}");
        assert!(msg.contains("new.sqlite3") && msg.contains("update AI Oversight"), "{msg}");
        let v: i64 =
            Connection::open(&path)?.pragma_query_value(None, "user_version", |r| r.get(0))?;
        assert_eq!(v, SCHEMA_VERSION + 5, "the file was not touched");
        Ok(())
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused_clearly() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("notes.sqlite3");
        std::fs::write(&path, "これはデータベースではありません。".repeat(200)).unwrap();
        let err = Store::open(&path).err().expect("refused");
        assert!(err.to_string().contains("not a SQLite database"), "{err}");
    }

    #[test]
    fn another_programs_sqlite_file_is_refused_and_left_alone() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("other.sqlite3");
        Connection::open(&path)?
            .execute_batch("CREATE TABLE responses (x); INSERT INTO responses VALUES (1);")?;
        let err = Store::open(&path).err().expect("refused");
        assert!(err.to_string().contains("another program"), "{err}");
        let n: i64 =
            Connection::open(&path)?
                .query_row("SELECT count(*) FROM responses", [], |r| r.get(0))?;
        assert_eq!(n, 1, "its data is untouched");
        Ok(())
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() -> Result<(), StoreError> {
        let mut store = Store::open_in_memory()?;
        let r: Result<(), StoreError> = store.write(|tx| {
            tx.execute("INSERT INTO departments (uid, name) VALUES ('a', '営業部')", [])?;
            tx.execute("INSERT INTO departments (uid, name) VALUES ('b', '営業部')", [])?;
            Ok(())
        });
        assert!(r.is_err(), "the duplicate name violates UNIQUE");
        let n: i64 =
            store.conn().query_row("SELECT count(*) FROM departments", [], |r| r.get(0))?;
        assert_eq!(n, 0, "the first insert was rolled back with the second");
        Ok(())
    }
}
