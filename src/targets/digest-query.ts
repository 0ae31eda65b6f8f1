/**
 * The one SQL query the code targets' start-up check (`verify_schema_digest`,
 * `VerifySchemaDigest`, `verifySchemaDigest`) runs: it reads the row the SQL target's
 * migrations write last, `schema_digest` of the metadata table (render-sql.ts). The query is
 * built here, once, with the SQL target's own identifier quoting, so the check names the table,
 * column and key exactly as the migrations create them; each language then embeds the whole
 * query through its own string-literal writer. It takes no parameters: DB-API drivers disagree
 * on the placeholder syntax (`?`, `%s`, `$1`), and a constant query needs none.
 */
import { SCHEMA_DIGEST_KEY, quoteIdentifier } from "./sql/render-sql.js";
import { DEFAULT_TABLE_NAMES } from "./sql/sql-options.js";

/**
 * `SELECT value FROM "<meta>" WHERE key = 'schema_digest'`, valid in both SQL dialects (double
 * quotes are standard identifier quoting in Postgres and SQLite). `metaTable` undefined reads as
 * the SQL target's default, `permgen_meta`.
 */
export function renderSchemaDigestQuery(metaTable: string | undefined): string {
  const table = quoteIdentifier(metaTable ?? DEFAULT_TABLE_NAMES.meta);
  return `SELECT value FROM ${table} WHERE key = '${SCHEMA_DIGEST_KEY}'`;
}
