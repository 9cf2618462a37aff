import { AmlopsError } from '../core/errors/index.js';
import { type ModelVersion, validateAlias } from '../core/tracking/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { PRODUCTION_ALIAS } from './promotion-tags.js';
import { recordRegistryDecision } from './record-registry-decision.js';

/** The tags on the version an alias points at: who pointed it there, and when. */
export const aliasTags = (alias: string) =>
  ({
    setBy: `amlops.alias.${alias}.set_by`,
    setAt: `amlops.alias.${alias}.set_at`,
    reason: `amlops.alias.${alias}.reason`,
  }) as const;

/** An alias change: the model, the alias, who changes it. */
export interface AliasChange {
  readonly name: string;
  readonly alias: string;
  /** A person (`alice`), a key's name, or a process (`pipeline:train`). */
  readonly by: string;
  /** Why, when the caller says (the web UI asks for it): recorded with who. */
  readonly reason?: string;
}

function checkChange(change: AliasChange): string {
  validateAlias(change.alias);
  if (change.alias === PRODUCTION_ALIAS)
    throw new AmlopsError(
      'USAGE',
      `the '${PRODUCTION_ALIAS}' alias moves only by a recorded decision: use promote or rollback`,
    );
  const by = change.by.trim();
  if (by === '' || by.length > 250)
    throw new AmlopsError('USAGE', 'say who changes the alias (by), at most 250 characters');
  return by;
}

/** The version `alias` points at, if it points anywhere. */
async function aliased(
  registry: ModelRegistry,
  name: string,
  alias: string,
): Promise<ModelVersion | undefined> {
  try {
    return await registry.getVersionByAlias(name, alias);
  } catch (error) {
    if (error instanceof AmlopsError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/** Records on the version an alias leaves that it left, who moved it, and where. */
async function recordLeaving(
  registry: ModelRegistry,
  left: ModelVersion,
  alias: string,
  line: string,
): Promise<void> {
  const tags = aliasTags(alias);
  for (const key of [tags.setBy, tags.setAt, tags.reason])
    if (left.tags.some((tag) => tag.key === key))
      await registry.deleteModelVersionTag(left.name, left.version, key);
  await recordRegistryDecision(registry, left, [], line);
}

/**
 * Setting and deleting the aliases of a model other than `production` (`challenger`, any name),
 * recorded like production decisions: the version an alias points at carries who pointed it there
 * and when (tags `amlops.alias.<alias>.set_by` and `.set_at`), and each version's description
 * gets a line for the alias arriving or leaving. The production alias is refused with USAGE: it
 * moves only through `promoteModelVersion` and `rollbackProduction`, which also record why.
 *
 * @example
 * const version = await modelAliases.set(registry, { name: 'consumers-laundering-model', alias: 'challenger', version: '5', by: 'alice' });
 * await modelAliases.delete(registry, { name: 'consumers-laundering-model', alias: 'challenger', by: 'alice' });
 */
export const modelAliases = {
  async set(
    registry: ModelRegistry,
    change: AliasChange & { readonly version: string },
    now: () => number = Date.now,
  ): Promise<ModelVersion> {
    const by = checkChange(change);
    const { name, alias } = change;
    const target = await registry.getModelVersion(name, change.version);
    if (target.status !== 'READY')
      throw new AmlopsError(
        'INVALID_STATE',
        `model version ${name}/${target.version} is ${target.status}; aliases point only at READY versions`,
      );
    const when = new Date(now()).toISOString();
    const previous = await aliased(registry, name, alias);
    if (previous && previous.version !== target.version)
      await recordLeaving(
        registry,
        previous,
        alias,
        `${when} alias ${alias} moved to version ${target.version} by ${by}`,
      );
    const tags = aliasTags(alias);
    const reason = change.reason?.trim() ?? '';
    if (reason === '' && target.tags.some((tag) => tag.key === tags.reason))
      await registry.deleteModelVersionTag(name, target.version, tags.reason);
    await recordRegistryDecision(
      registry,
      target,
      [
        { key: tags.setBy, value: by },
        { key: tags.setAt, value: when },
        ...(reason ? [{ key: tags.reason, value: reason }] : []),
      ],
      `${when} alias ${alias} set by ${by}${previous && previous.version !== target.version ? ` (was version ${previous.version})` : ''}${reason ? `: ${reason}` : ''}`,
    );
    await registry.setAlias(name, alias, target.version);
    return registry.getModelVersion(name, target.version);
  },
  async delete(registry: ModelRegistry, change: AliasChange, now: () => number = Date.now): Promise<void> {
    const by = checkChange(change);
    const { name, alias } = change;
    const current = await aliased(registry, name, alias);
    if (current)
      await recordLeaving(
        registry,
        current,
        alias,
        `${new Date(now()).toISOString()} alias ${alias} deleted by ${by}`,
      );
    await registry.deleteAlias(name, alias);
  },
} as const;
