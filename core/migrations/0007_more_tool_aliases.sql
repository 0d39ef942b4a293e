-- 0007: more ways people write the common tools' names.
--
-- Survey answers such as "GPT4", "Claude.ai" or "Copilot Chat" became
-- tools of their own. Each alias is added for the seeded tool it names,
-- found by its seed uid, and only where the user has not already made
-- that alias (or deleted the tool).
INSERT OR IGNORE INTO tool_aliases (alias, tool_id)
SELECT a.alias, t.id
FROM (
    SELECT 'GPT4' AS alias, '0192f0a0-0000-7000-8000-000000000001' AS uid
    UNION ALL SELECT 'GPT4o', '0192f0a0-0000-7000-8000-000000000001'
    UNION ALL SELECT 'GPT-5', '0192f0a0-0000-7000-8000-000000000001'
    UNION ALL SELECT 'ChatGPT4', '0192f0a0-0000-7000-8000-000000000001'
    UNION ALL SELECT 'Claude.ai', '0192f0a0-0000-7000-8000-000000000002'
    UNION ALL SELECT 'Claude AI', '0192f0a0-0000-7000-8000-000000000002'
    UNION ALL SELECT 'Copilot Chat', '0192f0a0-0000-7000-8000-000000000003'
    UNION ALL SELECT 'Microsoft 365 Copilot Chat', '0192f0a0-0000-7000-8000-000000000003'
    UNION ALL SELECT 'Microsoft Copilot Pro', '0192f0a0-0000-7000-8000-000000000003'
    UNION ALL SELECT 'Gemini for Google Workspace', '0192f0a0-0000-7000-8000-000000000005'
    UNION ALL SELECT 'Google AI Pro', '0192f0a0-0000-7000-8000-000000000005'
) AS a
JOIN tools t ON t.uid = a.uid;
