import { describe, expect, it } from 'vitest';
import { databaseFaultOf } from '../../api/database-faults';

/** PostgreSQL stopped or restarting: a 503 DATABASE_UNAVAILABLE, not a 500 (test/cluster runs it live). */
describe('PostgreSQL not reachable', () => {
  it('is told apart from the other faults, wherever the driver reports it', () => {
    expect(
      databaseFaultOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe('unavailable');
    const prismaShaped = Object.assign(new Error('x'), {
      meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } },
    });
    expect(databaseFaultOf(prismaShaped)).toBe('unavailable');
    expect(databaseFaultOf(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe('unavailable');
    expect(databaseFaultOf(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    // A transaction's client after its connection was cut (met live with PostgreSQL stopped mid-stream).
    expect(databaseFaultOf(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      'unavailable',
    );
    expect(databaseFaultOf(new Error('timeout exceeded when trying to connect'))).toBe('unavailable');
    expect(databaseFaultOf(Object.assign(new Error('x'), { cause: { kind: 'SocketTimeout' } }))).toBe('unavailable');
    expect(databaseFaultOf(Object.assign(new Error('lock timeout'), { code: '55P03' }))).toBe('busy');
    expect(databaseFaultOf(new Error('Unique constraint failed'))).toBeUndefined();
  });
});
