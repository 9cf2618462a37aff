import { AmlopsError } from '../core/errors/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { PROMOTION_TAGS } from './promotion-tags.js';

/**
 * What to do when no version of `name` is in production (the scoring API answers 503 until one
 * is): the command that promotes its newest READY version (with `--force` when the promotion gate
 * failed it), or the command that trains one when none is registered.
 *
 * @example
 * await noProductionHint(registry, 'consumers-laundering-model');
 * // 'no version of consumers-laundering-model is in production; … amlops models promote consumers-laundering-model 2 --reason "…"'
 */
export async function noProductionHint(registry: ModelRegistry, name: string): Promise<string> {
  const train = `no version of ${name} is registered yet; /predict answers 503 until one is trained and promoted: amlops train --data FILE`;
  const latest = await registry.getLatestVersions(name).catch((error: unknown) => {
    if (error instanceof AmlopsError && error.code === 'NOT_FOUND') return [];
    throw error;
  });
  const newest = latest
    .filter((v) => v.status === 'READY')
    .sort((a, b) => Number(b.version) - Number(a.version))[0];
  if (!newest) return train;
  const gate = newest.tags.find((t) => t.key === PROMOTION_TAGS.gateReason)?.value;
  const failed = newest.tags.find((t) => t.key === PROMOTION_TAGS.gate)?.value === 'failed';
  return [
    `no version of ${name} is in production; /predict answers 503 until one is.`,
    `The newest is version ${newest.version}${newest.aliases.length ? ` (${newest.aliases.join(', ')})` : ''}${gate ? `; the promotion gate said: ${gate}` : ''}.`,
    `To serve it: amlops models promote ${name} ${newest.version} --reason "…"${failed ? ' --force' : ''}`,
  ].join(' ');
}
