import { sql } from 'drizzle-orm';
import type { PgPreparedQuery, PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.js';

/**
 * Fixed SQL for the hot paths, run as named prepared statements: PostgreSQL parses and plans each once
 * per connection, and no query builder runs per request. A module keeps its statements in one
 * `<module>.sql.ts` beside its repository; `npm run generate` renders them to `<module>.sql` (committed,
 * drift-checked) and a test prepares every one against the migrated schema.
 *
 * Parameters are named and typed: `${p.orgId}` in the text renders as `$1::text`, numbered in the order
 * the parameters are declared, so the text never depends on the values and callers pass an object.
 */
const PARAM_TYPES = {
  text: 'text',
  'text[]': 'text[]',
  int: 'int',
  'int[]': 'int[]',
  bigint: 'bigint',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamptz',
  json: 'json',
  jsonb: 'jsonb',
} as const;
type BaseType = keyof typeof PARAM_TYPES;
/** A parameter's SQL type; a trailing `?` lets it be null. */
export type ParamType = BaseType | `${BaseType}?`;

type BaseValue<T extends BaseType> = T extends 'text' | 'date'
  ? string
  : T extends 'text[]'
    ? readonly string[]
    : T extends 'int' | 'bigint'
      ? number
      : T extends 'int[]'
        ? readonly number[]
        : T extends 'boolean'
          ? boolean
          : T extends 'timestamptz'
            ? Date
            : unknown;
type ValueOf<T extends ParamType> = T extends `${infer B extends BaseType}?`
  ? BaseValue<B> | null
  : BaseValue<T & BaseType>;
export type StatementValues<P extends Record<string, ParamType>> = { [K in keyof P]: ValueOf<P[K]> };

export interface Statement<P extends Record<string, ParamType> = Record<string, ParamType>> {
  readonly name: string;
  readonly text: string;
  readonly params: P;
  /** Parameter names in `$n` order. */
  readonly order: readonly (keyof P & string)[];
}

/** What a statement's text is written with: each parameter as its `$n::type` reference. */
export type ParamRefs<P> = { readonly [K in keyof P]: string };

const texts = new Map<string, string>();

/**
 * Declares a statement. Its text is rendered once, here; every declared parameter must appear in it,
 * and one name always means one text.
 */
export function defineStatement<const P extends Record<string, ParamType>>(
  name: string,
  params: P,
  render: (p: ParamRefs<P>) => string,
): Statement<P> {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`Statement name '${name}' must be snake_case.`);
  const order = Object.keys(params) as (keyof P & string)[];
  const refs = Object.fromEntries(
    order.map((key, i) => [key, `$${i + 1}::${PARAM_TYPES[baseOf(params[key]!)]}`]),
  ) as ParamRefs<P>;
  const text = dedent(render(refs));
  // `$1::text` cannot be part of another reference: `$10::…` differs at the digit, and a parameter has one type.
  const unused = order.filter((key) => !text.includes(refs[key]));
  if (unused.length) throw new Error(`Statement '${name}' declares ${unused.join(', ')} but its text never uses them.`);
  const known = texts.get(name);
  if (known !== undefined && known !== text) throw new Error(`Statement '${name}' was given two different texts.`);
  texts.set(name, text);
  return { name, text, params, order };
}

const baseOf = (t: ParamType) => t.replace(/\?$/, '') as BaseType;

function encode(type: ParamType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const base = baseOf(type);
  if (base === 'json' || base === 'jsonb') return JSON.stringify(value);
  if (base === 'timestamptz') return (value as Date).toISOString();
  return value;
}

type Prepared = PgPreparedQuery<PreparedQueryConfig>;
/** Prepared-query objects per database session (the pool's, or one transaction's connection). */
const preparedBySession = new WeakMap<object, Map<string, Prepared>>();

/**
 * Runs a statement, named and prepared, on the database's pool or inside an open transaction (on that
 * transaction's connection, seeing its writes): one text, one execution path. Rows come back as the
 * driver gives them (json columns parsed, timestamps as text); repositories decode them.
 */
export async function run<P extends Record<string, ParamType>>(
  db: DbOrTx,
  statement: Statement<P>,
  values: StatementValues<P>,
): Promise<Record<string, unknown>[]> {
  // A transaction's session is bound to its connection; the database's to the pool (or PGlite).
  const session = db._.session;
  let cache = preparedBySession.get(session);
  if (!cache) {
    cache = new Map();
    preparedBySession.set(session, cache);
  }
  let prepared = cache.get(statement.name);
  if (!prepared) {
    const placeholders = statement.order.map((key) => sql.placeholder(key));
    prepared = session.prepareQuery({ sql: statement.text, params: placeholders }, undefined, statement.name, false);
    cache.set(statement.name, prepared);
  }
  const encoded: Record<string, unknown> = {};
  for (const key of statement.order) encoded[key] = encode(statement.params[key]!, values[key]);
  const result = (await prepared!.execute(encoded)) as { rows: Record<string, unknown>[] };
  return result.rows;
}

/** Removes the indentation the text was written with, so the rendered SQL reads as written. */
function dedent(text: string): string {
  const lines = text.replace(/^\n+|\s+$/g, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut).trimEnd()).join('\n');
}

/**
 * Template tag for statement texts and the fragments composed into them: a multi-line fragment is set in at
 * the indentation of the line it lands on, and the whole text loses the indentation it was written with, so
 * the rendered SQL (`<module>.sql`) reads like hand-written SQL.
 */
export function sqlText(strings: TemplateStringsArray, ...values: string[]): string {
  let out = strings[0]!;
  values.forEach((value, i) => {
    if (value.includes('\n')) {
      // Continuation lines line up with the fragment's first line when it starts its line, else one step in.
      const line = out.slice(out.lastIndexOf('\n') + 1);
      const indent = /^ */.exec(line)![0] + (line.trim() ? '  ' : '');
      out += dedent(value).split('\n').join(`\n${indent}`);
    } else {
      out += value;
    }
    out += strings[i + 1];
  });
  return dedent(out);
}

/** Whether a module export is a statement (the renderer and the prepare-all test collect them from the catalogs). */
export function isStatement(value: unknown): value is Statement {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as Statement).name === 'string' &&
    typeof (value as Statement).text === 'string' &&
    Array.isArray((value as Statement).order)
  );
}
