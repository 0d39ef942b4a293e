-- 0002: a response's source row and its tools move into `responses`.
--
-- 0001 kept them apart, in response_cells (one row per response) and
-- response_tools (one row per tool named), so that `responses` stayed
-- narrow for the counting queries. The dashboard has since come to read
-- the tally tables instead, and the split made an import of 200,000 rows
-- write some 800,000 rows, each with its own B-tree insert and foreign
-- key check. Now each response is one row:
--   tool_ids  the tools it names, a JSON array of tools.id in the order
--             the answer names them (position 0 first), '[]' for none;
--   cells     its source row verbatim, a JSON array in the order of the
--             batch's headers, null where personal data was left out.
-- Tools are never deleted, so the ids in tool_ids stay valid without a
-- foreign key; tool_count stays the length of tool_ids.

ALTER TABLE responses ADD COLUMN tool_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE responses ADD COLUMN cells TEXT NOT NULL DEFAULT '[]';

UPDATE responses SET
    tool_ids = (SELECT json_group_array(rt.tool_id ORDER BY rt.position)
                FROM response_tools rt WHERE rt.response_id = responses.id),
    cells = coalesce((SELECT c.cells FROM response_cells c WHERE c.response_id = responses.id),
                     '[]');

DROP TABLE response_tools;
DROP TABLE response_cells;
