import { describe, expect, it } from 'vitest';
import { postgresFailure, postgresLocation } from './postgres-failure.js';

describe('postgresLocation', () => {
  it('names host, port, database and user, never the password', () => {
    expect(postgresLocation('postgres://amlops:pw@127.0.0.1:5999/amlops?sslpassword=x')).toBe(
      'PostgreSQL at 127.0.0.1:5999 (database amlops, user amlops)',
    );
    expect(postgresLocation('postgresql://ana@db.internal')).toBe(
      'PostgreSQL at db.internal:5432 (database ana, user ana)',
    );
  });
});

describe('postgresFailure', () => {
  const url = 'postgres://amlops:S3cret@127.0.0.1:5999/amlops';

  it('says a server that cannot be reached cannot be reached, with the driver reason', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' });
    const error = postgresFailure(url, refused);
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toBe(
      'cannot reach PostgreSQL at 127.0.0.1:5999 (database amlops, user amlops): connect ECONNREFUSED 127.0.0.1:5999',
    );
  });

  it("gives the reasons of an error that has none of its own (Node's AggregateError for localhost)", () => {
    const both = new AggregateError([
      Object.assign(new Error('connect ECONNREFUSED ::1:5999'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' }),
    ]);
    expect(postgresFailure(url, both).message).toContain(
      ': connect ECONNREFUSED ::1:5999; connect ECONNREFUSED 127.0.0.1:5999',
    );
  });

  it('says a server that answered refused the session (wrong password, no such database)', () => {
    const auth = Object.assign(new Error('password authentication failed for user "amlops"'), {
      severity: 'FATAL',
      code: '28P01',
    });
    const message = postgresFailure(url, auth).message;
    expect(message).toBe(
      'PostgreSQL at 127.0.0.1:5999 (database amlops, user amlops) refused the connection: password authentication failed for user "amlops"',
    );
    expect(message).not.toContain('S3cret');
  });
});
