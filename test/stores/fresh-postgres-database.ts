import pg from 'pg';

/**
 * Creates an empty database on the test PostgreSQL server and returns its URL, so that each test
 * file starts from nothing without restarting the server.
 *
 * @example
 * const url = await freshPostgresDatabase(inject('postgresUrl'));
 */
export async function freshPostgresDatabase(adminUrl: string): Promise<string> {
  if (!adminUrl)
    throw new Error('no PostgreSQL server: test/setup/global-setup.ts did not start one for this run');
  const name = `amlops_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}
