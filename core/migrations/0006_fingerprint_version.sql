-- 0006: which way each survey import fingerprinted its rows.
--
-- Version 1 hashed each cell's text as the file had it, so the same
-- export re-saved by Excel (times without seconds, "2026/4/3 9:00"; ¥
-- written as a backslash in CP932; "2.50" as "2.5") looked like new
-- rows. Version 2 hashes each cell as read: the submission time to the
-- minute, text in NFKC with the backslash read as ¥, plain numbers
-- without the zeros a spreadsheet drops (core/src/survey/row.rs). An
-- import into a store that holds version-1 batches checks both.
ALTER TABLE import_batches ADD COLUMN fingerprint_version INTEGER NOT NULL DEFAULT 1;
