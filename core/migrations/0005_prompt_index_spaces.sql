-- 0005: each indexed field of a template ends in two spaces, not one.
--
-- The trigram index finds a word of one or two characters through the
-- trigrams it starts (core/src/prompts/mod.rs, `word_expression`). With
-- one space after the text, every two characters start a trigram, even
-- the last two; with two, every single character does too, so a
-- one-character query ("*", "株") is an index lookup rather than a read
-- of every template. The index's rows are written again with the second
-- space; the templates themselves do not change.

CREATE TEMP TABLE prompt_index_rows AS
    SELECT rowid AS id, title, body, tags FROM prompts_fts;
DELETE FROM prompts_fts;
INSERT INTO prompts_fts (rowid, title, body, tags)
    SELECT id, title || ' ', body || ' ', tags || ' ' FROM prompt_index_rows;
DELETE FROM prompts_title_fts;
INSERT INTO prompts_title_fts (rowid, title)
    SELECT id, title || ' ' FROM prompt_index_rows;
DROP TABLE prompt_index_rows;
