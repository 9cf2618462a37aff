import { AmlopsError, errorReason } from '../../core/errors/index.js';

/**
 * Where a PostgreSQL URL points, in words and without its password:
 * `PostgreSQL at db:5432 (database amlops, user amlops)`. libpq's defaults fill what the URL omits
 * (port 5432, the database named after the user).
 *
 * @example
 * postgresLocation('postgres://amlops:pw@127.0.0.1:5999/amlops'); // 'PostgreSQL at 127.0.0.1:5999 (database amlops, user amlops)'
 */
export function postgresLocation(url: string): string {
  try {
    const parsed = new URL(url);
    const user = decodeURIComponent(parsed.username) || parsed.searchParams.get('user') || undefined;
    const host = decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || 'localhost';
    const port = parsed.port || parsed.searchParams.get('port') || '5432';
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || user;
    const about = [database && `database ${database}`, user && `user ${user}`].filter(Boolean).join(', ');
    return `PostgreSQL at ${host}:${port}${about ? ` (${about})` : ''}`;
  } catch {
    return 'PostgreSQL (an unreadable URL)';
  }
}

/** SQLSTATE classes meaning the server answered but refused the session (authorization, no such database, starting up). */
const REFUSED = /^(28|3D|57P0[1-3]|53300)/;

/**
 * The STORE_UNAVAILABLE error of a PostgreSQL store that could not be opened, saying where (host,
 * port, database, user; never the password) and the driver's reason: `cannot reach PostgreSQL at
 * 127.0.0.1:5999 (database amlops, user amlops): connect ECONNREFUSED 127.0.0.1:5999`.
 *
 * @example
 * throw postgresFailure(url, error);
 */
export function postgresFailure(url: string, error: unknown): AmlopsError {
  const where = postgresLocation(url);
  const e = error as { severity?: unknown; code?: unknown } | null;
  const answered = typeof e?.severity === 'string';
  const what = !answered
    ? `cannot reach ${where}`
    : typeof e?.code === 'string' && REFUSED.test(e.code)
      ? `${where} refused the connection`
      : `could not migrate ${where}`;
  return new AmlopsError('STORE_UNAVAILABLE', `${what}: ${errorReason(error)}`, undefined, { cause: error });
}
