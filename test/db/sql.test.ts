import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { defineStatement, run, sqlText } from '../../src/db/sql.js';
import { createTestDatabase } from '../support/db.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const echo = defineStatement(
  'test_echo',
  { a: 'text', b: 'text[]', c: 'text?' },
  (p) => sqlText`
  select ${p.a} as a, ${p.b} as b, ${p.a} || coalesce(${p.c}, '-') as c`,
);

describe('defineStatement', () => {
  it('numbers named parameters in the order they are declared, each with its type', () => {
    expect(echo.text).toBe("select $1::text as a, $2::text[] as b, $1::text || coalesce($3::text, '-') as c");
    expect(echo.order).toEqual(['a', 'b', 'c']);
  });

  it('refuses a declared parameter the text never uses', () => {
    expect(() => defineStatement('test_unused', { a: 'text', b: 'int' }, (p) => `select ${p.a}`)).toThrow(
      /declares b but its text never uses/,
    );
  });

  it('refuses one name given two different texts', () => {
    expect(() => defineStatement('test_echo', { a: 'text' }, (p) => `select ${p.a}`)).toThrow(/two different texts/);
  });

  it('sets a multi-line fragment in at the indentation of the line it lands on', () => {
    const fragment = sqlText`
      select 1
      from x`;
    expect(sqlText`
      with a as (${fragment}),
        b as (
          ${fragment})
      select 2`).toBe('with a as (select 1\n  from x),\n  b as (\n    select 1\n    from x)\nselect 2');
  });
});

describe('run', () => {
  it('runs a prepared statement on the pool, again and again, with its parameters bound by name', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await run(database.db, echo, { a: 'x', b: ['p', 'q'], c: 'y' })).toEqual([
        { a: 'x', b: ['p', 'q'], c: 'xy' },
      ]);
    }
    expect(await run(database.db, echo, { a: 'x', b: [], c: null })).toEqual([{ a: 'x', b: [], c: 'x-' }]);
  });

  it('runs the same statement inside a transaction, seeing that transaction’s own writes', async () => {
    const create = defineStatement(
      'test_temp_create',
      {},
      () => 'create temp table statement_probe (v jsonb, at timestamptz) on commit drop',
    );
    const insert = defineStatement(
      'test_temp_insert',
      { v: 'jsonb', at: 'timestamptz' },
      (p) => `insert into statement_probe values (${p.v}, ${p.at})`,
    );
    const read = defineStatement('test_temp_read', {}, () => `select v, to_json(at) as at from statement_probe`);
    await database.db.transaction(async (tx) => {
      expect(await run(tx, echo, { a: 'x', b: ['p'], c: 'z' })).toEqual([{ a: 'x', b: ['p'], c: 'xz' }]);
      await run(tx, create, {});
      await run(tx, insert, { v: { seen: [1, 'two'] }, at: new Date('2026-12-02T06:00:00.123Z') });
      const [row] = await run(tx, read, {});
      expect(row!.v).toEqual({ seen: [1, 'two'] });
      expect(new Date(row!.at as string).toISOString()).toBe('2026-12-02T06:00:00.123Z');
    });
  });
});
