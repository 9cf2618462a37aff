import type { Config } from '../../config/index.js';
import { AmlopsError } from '../../core/errors/index.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/**
 * The secure default: a server reachable from the network (`server.host` not a loopback address)
 * with every route open (`auth.mode=none`) does not start unless the operator says so with
 * `auth.allowOpenNetwork` (a proxy in front that authenticates); CONFIG_INVALID says why.
 *
 * @example
 * refuseOpenNetwork(config); // throws for server.host 0.0.0.0 with auth.mode none
 */
export function refuseOpenNetwork(
  config: Pick<Config, 'server.host' | 'auth.mode' | 'auth.allowOpenNetwork'>,
): void {
  if (
    config['auth.mode'] !== 'none' ||
    config['auth.allowOpenNetwork'] ||
    LOOPBACK.test(config['server.host'])
  )
    return;
  throw new AmlopsError(
    'CONFIG_INVALID',
    `server.host ${config['server.host']} is reachable from the network and auth.mode is none: anyone who reaches the port could promote models, send conclusions and read scored cases. Set auth.mode=keys (amlops keys create --name NAME --role admin makes the first key), or, when a proxy in front authenticates every request, auth.allowOpenNetwork=true`,
    { host: config['server.host'] },
  );
}
