import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/lib/failure.js';

describe('describeFailure (what a 5xx log line may hold)', () => {
  it('keeps the error class, codes and stack frames but never the message', () => {
    const err = Object.assign(new Error('invalid input syntax for type date: "Jane Testpatient 1980-02-29"'), {
      code: 'XX000',
    });
    const logged = JSON.stringify(describeFailure(err));
    expect(logged).not.toContain('Jane');
    expect(logged).not.toContain('1980-02-29');
    expect(describeFailure(err)).toMatchObject({ type: 'Error', code: 'XX000' });
    expect((describeFailure(err).frames as string[]).length).toBeGreaterThan(0);
  });

  it('reads the SQLSTATE through a wrapping error', () => {
    const wrapped = Object.assign(new Error('Failed query: insert … params: Jane'), {
      cause: Object.assign(new Error('duplicate key value (Jane)'), { code: '23505' }),
    });
    const logged = describeFailure(wrapped);
    expect(logged.sqlState).toBe('23505');
    expect(JSON.stringify(logged)).not.toContain('Jane');
  });
});
