import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listModelVersions } from '../../src/services/list-model-versions.js';
import { listModels } from '../../src/services/list-models.js';
import { aliasTags, modelAliases } from '../../src/services/model-aliases.js';
import { noProductionHint } from '../../src/services/no-production-hint.js';
import { promoteModelVersion } from '../../src/services/promote-model-version.js';
import { rollbackProduction } from '../../src/services/rollback-production.js';
import { showModel } from '../../src/services/show-model.js';
import { openTestPlatform, seedRuns, type TestPlatform } from './platform-test-kit.js';

const NAME = 'consumers-laundering-model';
const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

let t: TestPlatform;
let seeded: Awaited<ReturnType<typeof seedRuns>>;

beforeAll(async () => {
  t = await openTestPlatform();
  seeded = await seedRuns(t);
  await t.registerVersion(NAME, seeded.runA); // 1
  await t.registerVersion(NAME, seeded.runB); // 2
  await t.registerVersion(NAME); // 3, no run
});
afterAll(() => t.close());

function tags(version: { tags: readonly { key: string; value: string }[] }): Record<string, string> {
  return Object.fromEntries(version.tags.map((tag) => [tag.key, tag.value]));
}

describe('promotion and rollback', () => {
  it('promotes a version, recording who, why and when, with alias and stage', async () => {
    const first = await promoteModelVersion(
      t.registry,
      { name: NAME, version: '1', by: 'alice', reason: 'first model' },
      () => T0,
    );
    expect(first).toMatchObject({ previous: null, changed: true });
    expect(first.version.aliases).toEqual(['production']);
    expect(first.version.currentStage).toBe('Production');
    expect(tags(first.version)).toMatchObject({
      'amlops.promoted_by': 'alice',
      'amlops.promotion_reason': 'first model',
      'amlops.promoted_at': '2026-11-27T09:00:00.000Z',
      'amlops.promotion_kind': 'promotion',
    });
    expect(first.version.description).toBe(
      '2026-11-27T09:00:00.000Z promoted to production by alice: first model',
    );

    const second = await promoteModelVersion(
      t.registry,
      { name: NAME, version: '2', by: 'bob', reason: 'AUC 0.93 vs 0.90' },
      () => T0 + 1000,
    );
    expect(second.previous).toBe('1');
    expect(tags(second.version)['amlops.previous_production']).toBe('1');
    const one = await t.registry.getModelVersion(NAME, '1');
    expect(one.currentStage).toBe('Archived');
    expect(one.aliases).toEqual([]);
    expect((await t.registry.getVersionByAlias(NAME, 'production')).version).toBe('2');
  });

  it('does nothing when the version is in production already', async () => {
    const again = await promoteModelVersion(t.registry, {
      name: NAME,
      version: '2',
      by: 'bob',
      reason: 'again',
    });
    expect(again.changed).toBe(false);
    expect(tags(again.version)['amlops.promotion_reason']).toBe('AUC 0.93 vs 0.90');
  });

  it('refuses a promotion without who or why, and of an unknown version', async () => {
    await expect(
      promoteModelVersion(t.registry, { name: NAME, version: '3', by: 'alice', reason: ' ' }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    await expect(
      promoteModelVersion(t.registry, { name: NAME, version: '3', by: '', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    await expect(
      promoteModelVersion(t.registry, { name: NAME, version: '99', by: 'a', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rolls back to the previous production version, recorded on both versions', async () => {
    const rollback = await rollbackProduction(
      t.registry,
      { name: NAME, by: 'carol', reason: 'false positives doubled' },
      () => T0 + 2000,
    );
    expect(rollback.rolledBack).toBe('2');
    expect(rollback.version.version).toBe('1');
    expect(rollback.version.aliases).toEqual(['production']);
    expect(rollback.version.currentStage).toBe('Production');
    expect(tags(rollback.version)).toMatchObject({
      'amlops.promoted_by': 'carol',
      'amlops.promotion_reason': 'false positives doubled',
      'amlops.promoted_at': '2026-11-27T09:00:02.000Z',
      'amlops.promotion_kind': 'rollback',
    });
    expect(rollback.version.description.split('\n')).toEqual([
      '2026-11-27T09:00:00.000Z promoted to production by alice: first model',
      '2026-11-27T09:00:02.000Z back in production by carol (rollback from version 2): false positives doubled',
    ]);
    const two = await t.registry.getModelVersion(NAME, '2');
    expect(two.currentStage).toBe('Archived');
    expect(tags(two)).toMatchObject({
      'amlops.rolled_back_by': 'carol',
      'amlops.rollback_reason': 'false positives doubled',
      'amlops.rolled_back_at': '2026-11-27T09:00:02.000Z',
    });
  });

  it('refuses a rollback when no earlier production version is recorded', async () => {
    await expect(
      rollbackProduction(t.registry, { name: NAME, by: 'carol', reason: 'again' }),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('follows production set the original way (stage only) and rolls back twice in a row', async () => {
    await t.registerVersion('staged');
    await t.registerVersion('staged');
    await t.registry.transitionModelVersionStage('staged', '1', 'Production', true);
    const promoted = await promoteModelVersion(t.registry, {
      name: 'staged',
      version: '2',
      by: 'ci',
      reason: 'gate passed',
    });
    expect(promoted.previous).toBe('1');
    await t.registerVersion('staged');
    await promoteModelVersion(t.registry, { name: 'staged', version: '3', by: 'ci', reason: 'gate passed' });
    expect(
      (await rollbackProduction(t.registry, { name: 'staged', by: 'ops', reason: 'r1' })).version.version,
    ).toBe('2');
    expect(
      (await rollbackProduction(t.registry, { name: 'staged', by: 'ops', reason: 'r2' })).version.version,
    ).toBe('1');
  });
});

describe('aliases', () => {
  it('sets and deletes other aliases, and refuses to move production without a decision', async () => {
    const version = await modelAliases.set(t.registry, {
      name: NAME,
      alias: 'challenger',
      version: '3',
      by: 'alice',
    });
    expect(version.aliases).toEqual(['challenger']);
    await modelAliases.delete(t.registry, { name: NAME, alias: 'challenger', by: 'bob' });
    expect((await t.registry.getModelVersion(NAME, '3')).aliases).toEqual([]);
    await expect(
      modelAliases.set(t.registry, { name: NAME, alias: 'production', version: '3', by: 'alice' }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    await expect(
      modelAliases.delete(t.registry, { name: NAME, alias: 'production', by: 'alice' }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    await expect(
      modelAliases.set(t.registry, { name: NAME, alias: 'challenger', version: '3', by: ' ' }),
    ).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('records who pointed an alias at a version and when, and who moved or deleted it', async () => {
    const clock = () => Date.parse('2026-12-04T08:00:00Z');
    await modelAliases.set(t.registry, { name: NAME, alias: 'shadow', version: '2', by: 'alice' }, clock);
    const two = await t.registry.getModelVersion(NAME, '2');
    expect(two.tags).toEqual(
      expect.arrayContaining([
        { key: aliasTags('shadow').setBy, value: 'alice' },
        { key: aliasTags('shadow').setAt, value: '2026-12-04T08:00:00.000Z' },
      ]),
    );
    expect(two.description).toContain('2026-12-04T08:00:00.000Z alias shadow set by alice');
    await modelAliases.set(t.registry, { name: NAME, alias: 'shadow', version: '3', by: 'bob' }, clock);
    const [left, arrived] = await Promise.all(['2', '3'].map((v) => t.registry.getModelVersion(NAME, v)));
    expect(left!.tags.map((tag) => tag.key)).not.toContain(aliasTags('shadow').setBy);
    expect(left!.description).toContain('alias shadow moved to version 3 by bob');
    expect(arrived!.tags).toContainEqual({ key: aliasTags('shadow').setBy, value: 'bob' });
    expect(arrived!.description).toContain('alias shadow set by bob (was version 2)');
    await modelAliases.delete(t.registry, { name: NAME, alias: 'shadow', by: 'carol' }, clock);
    const deleted = await t.registry.getModelVersion(NAME, '3');
    expect(deleted.aliases).not.toContain('shadow');
    expect(deleted.tags.map((tag) => tag.key)).not.toContain(aliasTags('shadow').setBy);
    expect(deleted.description).toContain('alias shadow deleted by carol');
  });
});

describe('listing and showing models', () => {
  it('lists models with their latest and production versions', async () => {
    const models = await listModels(t.registry);
    expect(models.find((m) => m.name === NAME)).toMatchObject({ latestVersion: '3', productionVersion: '1' });
  });

  it('lists versions newest first', async () => {
    expect((await listModelVersions(t.registry, NAME)).map((v) => v.version)).toEqual(['3', '2', '1']);
    await expect(listModelVersions(t.registry, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows versions with stage, aliases, status, source run, its metrics and the last decision', async () => {
    const model = await showModel(t, NAME);
    expect(model.productionVersion).toBe('1');
    const [v3, v2, v1] = model.versions;
    expect(v1).toMatchObject({
      version: '1',
      stage: 'Production',
      aliases: ['production'],
      status: 'READY',
      runId: seeded.runA,
      metrics: { test_roc_auc: 0.9, log_loss: 0.31 },
      promotion: { by: 'carol', kind: 'rollback', reason: 'false positives doubled' },
    });
    expect(v2).toMatchObject({ stage: 'Archived', runId: seeded.runB, metrics: { test_roc_auc: 0.93 } });
    expect(v2?.promotion).toMatchObject({ by: 'bob', previous: '1' });
    expect(v3).toMatchObject({ stage: 'None', runId: '', metrics: {}, promotion: null });
  });
});

describe('the promotion gate, and what to do when nothing is in production', () => {
  const GATED = 'gated-model';
  const gateFailure = 'test ROC AUC 0.6100 is below the alert threshold 0.8900';

  it('names the command that trains a model, then the one that promotes the newest version', async () => {
    expect(await noProductionHint(t.registry, GATED)).toBe(
      `no version of ${GATED} is registered yet; /predict answers 503 until one is trained and promoted: amlops train --data FILE`,
    );
    await t.registerVersion(GATED);
    await t.registerVersion(GATED);
    expect(await noProductionHint(t.registry, GATED)).toBe(
      `no version of ${GATED} is in production; /predict answers 503 until one is. The newest is version 2. To serve it: amlops models promote ${GATED} 2 --reason "…"`,
    );
    // As training leaves a version the gate failed.
    await t.registry.setModelVersionTag(GATED, '2', { key: 'amlops.gate', value: 'failed' });
    await t.registry.setModelVersionTag(GATED, '2', { key: 'amlops.gate_reason', value: gateFailure });
    await t.registry.setAlias(GATED, 'challenger', '2');
    expect(await noProductionHint(t.registry, GATED)).toBe(
      `no version of ${GATED} is in production; /predict answers 503 until one is. The newest is version 2 (challenger); the promotion gate said: ${gateFailure}. To serve it: amlops models promote ${GATED} 2 --reason "…" --force`,
    );
  });

  it('asks for force to promote a version the gate failed, records it as an override, and drops the challenger alias', async () => {
    const refused = promoteModelVersion(t.registry, {
      name: GATED,
      version: '2',
      by: 'ana',
      reason: 'we know',
    });
    await expect(refused).rejects.toMatchObject({ code: 'PROMOTION_BELOW_GATE' });
    await expect(refused).rejects.toThrow(`(${gateFailure}); promote it anyway with --force`);
    expect((await t.registry.getModelVersion(GATED, '2')).aliases).toEqual(['challenger']);

    const forced = await promoteModelVersion(
      t.registry,
      { name: GATED, version: '2', by: 'ana', reason: 'we know', force: true },
      () => T0,
    );
    expect(forced.override).toBe(gateFailure);
    expect(forced.version.aliases).toEqual(['production']);
    expect(tags(forced.version)['amlops.promotion_override']).toBe(gateFailure);
    expect(forced.version.description).toBe(
      `2026-11-27T09:00:00.000Z promoted to production by ana, overriding the promotion gate (${gateFailure}): we know`,
    );
    // A version the gate passed (or one it never saw) needs no force, and records no override.
    const plain = await promoteModelVersion(t.registry, {
      name: GATED,
      version: '1',
      by: 'ana',
      reason: 'back',
    });
    expect(plain.override).toBeNull();
    expect(tags(plain.version)).not.toHaveProperty('amlops.promotion_override');
  });
});
