import { sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from './client.js';

/**
 * Hot-path statements as fixed SQL text with $n parameters, run as named prepared statements: the
 * server parses and plans each once per connection, and no query builder runs per request. Used where
 * a request's whole cost is a statement or two (intake, claim retrieval, the Idempotency-Key claim);
 * everything else goes through drizzle.
 */
export interface Statement {
  /** One name per distinct text; a name reused with another text is a programming error. */
  name: string;
  text: string;
  values: unknown[];
}

type Runner = (s: Statement) => Promise<unknown[]>;
const runners = new WeakMap<object, Runner>();
const texts = new Map<string, string>();

/** Called by createDb: how this database runs a named statement (node-postgres prepares it; PGlite runs it in process). */
export function registerStatementRunner(db: Db, run: Runner): void {
  runners.set(db, run);
}

/**
 * Runs a statement on the database (prepared, on any pooled connection) or inside an open transaction
 * (through drizzle on the transaction's connection, so it sees the transaction's own writes). Inside a
 * transaction, pass the transaction: the root database would run the statement outside it.
 */
export async function runStatement<T>(db: DbOrTx, s: Statement): Promise<T[]> {
  const known = texts.get(s.name);
  if (known === undefined) texts.set(s.name, s.text);
  else if (known !== s.text) throw new Error(`Statement '${s.name}' was given two different texts.`);
  const run = runners.get(db);
  if (run) return (await run(s)) as T[];
  return ((await db.execute(asSql(s))) as unknown as { rows: T[] }).rows;
}

/** The statement as drizzle SQL: its text around each `$n`, with the value bound there. */
function asSql(s: Statement): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of s.text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(s.text.slice(last, m.index)), sql`${sql.param(s.values[Number(m[1]) - 1])}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(s.text.slice(last)));
  return sql.join(chunks);
}

/**
 * Collects parameter values while a statement's text is written: `p.add(v)` returns the next `$n`.
 * The text depends only on the statement's shape, never on the values, so it can be prepared once.
 */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
