import { SqlApiKeyStore } from '../adapters/sql/api-key-sql-store.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { type Config, databaseUrlOf } from '../config/index.js';
import { refuseOpenNetwork } from '../http/auth/refuse-open-network.js';
import { requireUsableKey } from '../services/require-usable-key.js';

/**
 * Before a server starts: refused when it would be open on a network, or when it asks for API keys
 * and none exists (`amlops serve`, `amlops up`).
 *
 * @example
 * await checkServerAccess(config, context.io.cwd);
 */
export async function checkServerAccess(config: Config, cwd: string): Promise<void> {
  refuseOpenNetwork(config);
  if (config['auth.mode'] !== 'keys') return;
  const database = await openSqlDatabase(databaseUrlOf(config, cwd));
  const keys = await SqlApiKeyStore.open(database);
  await database.close();
  try {
    await requireUsableKey(keys, Date.now());
  } finally {
    await keys.close();
  }
}
