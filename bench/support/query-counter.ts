import { performance } from 'node:perf_hooks';
import pg from 'pg';

/** One statement shape the app sent, e.g. `select claims` or `insert events`, with how often and how long. */
export interface QueryTally {
  statement: string;
  count: number;
  totalMs: number;
}

/**
 * Counts every statement node-postgres sends from connections whose application_name matches, by
 * shape (verb + table), with the time until its result came back. Wraps Client#query, which both
 * Pool#query and the clients of drizzle transactions go through; `stop()` restores it.
 */
export function countQueries(applicationName: string) {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const tallies = new Map<string, QueryTally>();
  let total = 0;

  proto.query = function (this: { connectionParameters?: { application_name?: string } }, ...args: unknown[]) {
    if (this.connectionParameters?.application_name !== applicationName) return original.apply(this, args);
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    const key = statementShape(text);
    const tally = tallies.get(key) ?? { statement: key, count: 0, totalMs: 0 };
    tallies.set(key, tally);
    tally.count++;
    total++;
    const start = performance.now();
    const done = () => {
      tally.totalMs += performance.now() - start;
    };
    // Pool#query passes a callback; drizzle's transaction clients use the promise form.
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...cbArgs: unknown[]) => {
        done();
        return (callback as (...a: unknown[]) => unknown)(...cbArgs);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(done, done);
    return result;
  };

  return {
    get total() {
      return total;
    },
    reset() {
      tallies.clear();
      total = 0;
    },
    tallies: () => [...tallies.values()].sort((a, b) => b.count - a.count || a.statement.localeCompare(b.statement)),
    stop() {
      proto.query = original;
    },
  };
}

/** `select claims`, `insert events`, `begin`…: the verb and the first table named. */
export function statementShape(text: string): string {
  const sql = text.trim().replace(/\s+/g, ' ').toLowerCase();
  const verb = sql.split(' ')[0] ?? '';
  const table =
    /^insert into "?(\w+)"?/.exec(sql)?.[1] ??
    /^update "?(\w+)"?/.exec(sql)?.[1] ??
    /^delete from "?(\w+)"?/.exec(sql)?.[1] ??
    / from "?(\w+)"?/.exec(sql)?.[1];
  return table ? `${verb} ${table}` : sql.slice(0, 40);
}
