import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { Params, runStatement } from '../../src/db/statements.js';
import { createTestDatabase } from '../support/db.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const echo = {
  name: 'test_echo',
  text: 'select $1::text as a, $2::text[] as b, $1 || $3::text as c',
  values: ['x', ['p', 'q'], 'y'],
};

describe('runStatement', () => {
  it('runs a prepared statement on the pool, again and again, with its parameters bound', async () => {
    for (let i = 0; i < 3; i++)
      expect(await runStatement(database.db, echo)).toEqual([{ a: 'x', b: ['p', 'q'], c: 'xy' }]);
  });

  it('runs the same statement inside a transaction, seeing that transaction’s own writes', async () => {
    await database.db.transaction(async (tx) => {
      expect(await runStatement(tx, echo)).toEqual([{ a: 'x', b: ['p', 'q'], c: 'xy' }]);
      await runStatement(tx, {
        name: 'test_temp_create',
        text: 'create temp table statement_probe (v text) on commit drop',
        values: [],
      });
      await runStatement(tx, {
        name: 'test_temp_insert',
        text: 'insert into statement_probe values ($1)',
        values: ['seen'],
      });
      expect(
        await runStatement(tx, { name: 'test_temp_read', text: 'select v from statement_probe', values: [] }),
      ).toEqual([{ v: 'seen' }]);
    });
  });

  it('refuses one name given two different texts', async () => {
    await expect(runStatement(database.db, { ...echo, text: 'select 1' })).rejects.toThrow(/two different texts/);
  });
});

describe('Params', () => {
  it('numbers parameters in the order they are added', () => {
    const p = new Params();
    expect(`${p.add('a')} ${p.add(2)} ${p.add(null)}`).toBe('$1 $2 $3');
    expect(p.values).toEqual(['a', 2, null]);
  });
});
