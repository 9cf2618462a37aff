import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MODEL_VERSION_SEARCH_SCHEMA,
  parseSearchFilter,
  REGISTERED_MODEL_SEARCH_SCHEMA,
} from '../../src/core/tracking/index.js';
import type { ArtifactStore } from '../../src/ports/artifact-store.js';
import type { ModelRegistry } from '../../src/ports/model-registry.js';
import type { TrackingStore } from '../../src/ports/tracking-store.js';
import { codeOf } from './expect-code.js';
import { TRAVERSAL_LOCATIONS } from './path-traversal-corpus.js';

/** What the registry contract needs: the registry, the tracking store beside it, and the artifact root. */
export interface RegistryHarness {
  readonly registry: ModelRegistry;
  readonly tracking: TrackingStore;
  /** The store at the artifact root the registry was opened with. */
  readonly artifacts: ArtifactStore;
  close(): Promise<void>;
}

/**
 * The behaviour every ModelRegistry must have, run against each adapter on a real database.
 */
export function runModelRegistryContract(name: string, makeAdapter: () => Promise<RegistryHarness>): void {
  describe(`ModelRegistry contract: ${name}`, () => {
    let h: RegistryHarness;
    let n = 0;
    const unique = (label: string) => `${label}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

    /** A run with a model written under its artifacts, and the runs:/ source naming it. */
    async function runWithModel(): Promise<{ runId: string; source: string; artifactUri: string }> {
      const experimentId = await h.tracking.createExperiment({ name: unique('exp') });
      const run = await h.tracking.createRun({ experimentId });
      return {
        runId: run.info.runId,
        source: `runs:/${run.info.runId}/model`,
        artifactUri: run.info.artifactUri,
      };
    }

    /** Registers a READY version whose file is written during registration. */
    async function readyVersion(model: string) {
      const { runId, source } = await runWithModel();
      return h.registry.createModelVersion(
        { name: model, source, runId },
        {
          writeArtifacts: (v) =>
            h.artifacts.child(relativeToRoot(v.source)).put('model.json', '{"trees":[]}'),
        },
      );
    }

    function relativeToRoot(uri: string): string {
      const root = h.artifacts.rootUri.replace(/\/+$/, '');
      expect(uri.startsWith(`${root}/`)).toBe(true);
      return uri.slice(root.length + 1);
    }

    beforeAll(async () => {
      h = await makeAdapter();
    });
    afterAll(async () => {
      await h?.close();
    });

    it('creates, gets, updates and tags registered models; refuses a taken name', async () => {
      const model = unique('model');
      const created = await h.registry.createRegisteredModel({
        name: model,
        description: 'd',
        tags: [{ key: 'a', value: '1' }],
      });
      expect(created).toMatchObject({
        name: model,
        description: 'd',
        tags: [{ key: 'a', value: '1' }],
        aliases: [],
        latestVersions: [],
      });
      expect(await codeOf(h.registry.createRegisteredModel({ name: model }))).toBe('RESOURCE_ALREADY_EXISTS');
      expect(await codeOf(h.registry.getRegisteredModel(unique('absent')))).toBe('NOT_FOUND');
      expect((await h.registry.updateRegisteredModel(model, { description: 'new' })).description).toBe('new');
      await h.registry.setRegisteredModelTag(model, { key: 'a', value: '2' });
      await h.registry.setRegisteredModelTag(model, { key: 'b', value: '3' });
      await h.registry.deleteRegisteredModelTag(model, 'b');
      expect((await h.registry.getRegisteredModel(model)).tags).toEqual([{ key: 'a', value: '2' }]);
      expect(await codeOf(h.registry.deleteRegisteredModelTag(model, 'b'))).toBe('NOT_FOUND');
    });

    it('registers versions 1, 2… READY only once their files exist, resolving runs:/ sources', async () => {
      const model = unique('model');
      await h.registry.createRegisteredModel({ name: model });
      const { runId, source, artifactUri } = await runWithModel();
      const seen: string[] = [];
      const v1 = await h.registry.createModelVersion(
        { name: model, source, runId, description: 'first', tags: [{ key: 'k', value: 'v' }] },
        {
          requiredFiles: ['model.json'],
          writeArtifacts: async (pending) => {
            seen.push((await h.registry.getModelVersion(model, pending.version)).status);
            await h.artifacts.child(relativeToRoot(pending.source)).put('model.json', '{}');
          },
        },
      );
      expect(seen).toEqual(['PENDING_REGISTRATION']);
      expect(v1).toMatchObject({
        name: model,
        version: '1',
        status: 'READY',
        currentStage: 'None',
        runId,
        description: 'first',
      });
      expect(v1.source).toBe(`${artifactUri}/model`);
      expect(v1.tags).toEqual([{ key: 'k', value: 'v' }]);
      expect((await readyVersion(model)).version).toBe('2');
      // Files already in place (MLflow's create-model-version from an existing run artifact).
      const v3 = await h.registry.createModelVersion({ name: model, source, runId });
      expect(v3).toMatchObject({ version: '3', status: 'READY' });
      expect(await codeOf(h.registry.createModelVersion({ name: unique('absent'), source, runId }))).toBe(
        'NOT_FOUND',
      );
    });

    it('leaves FAILED_REGISTRATION, never READY, when files are missing or writing fails', async () => {
      const model = unique('model');
      await h.registry.createRegisteredModel({ name: model });
      const { runId, source } = await runWithModel();
      expect(await codeOf(h.registry.createModelVersion({ name: model, source, runId }))).toBe(
        'INVALID_STATE',
      );
      const failing = h.registry.createModelVersion(
        { name: model, source, runId },
        {
          writeArtifacts: async (v) => {
            await h.artifacts.child(relativeToRoot(v.source)).put('partial.json', '{');
            throw new Error('disk full');
          },
        },
      );
      expect(await codeOf(failing)).toBe('non-amlops: disk full');
      const missing = h.registry.createModelVersion(
        { name: model, source, runId },
        { requiredFiles: ['model.json'], writeArtifacts: async () => undefined },
      );
      expect(await codeOf(missing)).toBe('INVALID_STATE');
      const versions = (
        await h.registry.searchModelVersions({
          filter: parseSearchFilter(`name = '${model}'`, MODEL_VERSION_SEARCH_SCHEMA),
        })
      ).items;
      expect(versions.map((v) => [v.version, v.status])).toEqual([
        ['3', 'FAILED_REGISTRATION'],
        ['2', 'FAILED_REGISTRATION'],
        ['1', 'FAILED_REGISTRATION'],
      ]);
      expect(versions[1]!.statusMessage).toContain('disk full');
      expect(await codeOf(h.registry.transitionModelVersionStage(model, '1', 'Production', false))).toBe(
        'INVALID_STATE',
      );
      expect(await codeOf(h.registry.setAlias(model, 'production', '1'))).toBe('INVALID_STATE');
    });

    it('turns a registration that stalls (a crash) into FAILED_REGISTRATION, and it cannot become READY later', async () => {
      const model = unique('model');
      await h.registry.createRegisteredModel({ name: model });
      const { runId, source } = await runWithModel();
      const stalled = h.registry.createModelVersion(
        { name: model, source, runId },
        {
          writeArtifacts: async (v) => {
            // The sweep a restarted server runs over registrations left pending by a crash.
            expect(await h.registry.failStalePendingVersions(-1)).toBeGreaterThanOrEqual(1);
            await h.artifacts.child(relativeToRoot(v.source)).put('model.json', '{}');
          },
        },
      );
      expect(await codeOf(stalled)).toBe('INVALID_STATE');
      expect((await h.registry.getModelVersion(model, '1')).status).toBe('FAILED_REGISTRATION');
    });

    it('marks FAILED_REGISTRATION, with the reason, the versions of a run whose registration died, and no other', async () => {
      const model = unique('model');
      await h.registry.createRegisteredModel({ name: model });
      const crashed = await runWithModel();
      const other = await runWithModel();
      let pendingOther: Promise<unknown> | undefined;
      const stalled = h.registry.createModelVersion(
        { name: model, source: crashed.source, runId: crashed.runId },
        {
          writeArtifacts: async () => {
            // Another run registers meanwhile and is pending too: it is left alone.
            pendingOther = h.registry.createModelVersion(
              { name: model, source: other.source, runId: other.runId },
              {
                writeArtifacts: async (v) => {
                  expect(
                    await h.registry.failPendingVersionsOfRun(crashed.runId, 'its pipeline run crashed'),
                  ).toBe(1);
                  await h.artifacts.child(relativeToRoot(v.source)).put('model.json', '{}');
                },
              },
            );
            await pendingOther;
          },
        },
      );
      expect(await codeOf(stalled)).toBe('INVALID_STATE');
      const first = await h.registry.getModelVersion(model, '1');
      expect([first.status, first.statusMessage]).toEqual([
        'FAILED_REGISTRATION',
        'its pipeline run crashed',
      ]);
      expect((await h.registry.getModelVersion(model, '2')).status).toBe('READY');
      expect(await h.registry.failPendingVersionsOfRun(crashed.runId, 'again')).toBe(0);
    });

    it('refuses sources that escape the artifact root', async () => {
      const model = unique('model');
      await h.registry.createRegisteredModel({ name: model });
      const { runId } = await runWithModel();
      for (const source of [
        ...TRAVERSAL_LOCATIONS,
        'file:///etc',
        '/etc/passwd',
        `runs:/${runId}/../../../etc`,
      ]) {
        expect(await codeOf(h.registry.createModelVersion({ name: model, source, runId })), source).toBe(
          'ARTIFACT_PATH_INVALID',
        );
      }
      expect(
        (
          await h.registry.searchModelVersions({
            filter: parseSearchFilter(`name = '${model}'`, MODEL_VERSION_SEARCH_SCHEMA),
          })
        ).items,
      ).toEqual([]);
    });

    it('transitions stages, archiving the versions already there when asked', async () => {
      const model = unique('model');
      await h.registry.createRegisteredModel({ name: model });
      for (let i = 0; i < 3; i += 1) await readyVersion(model);
      await h.registry.transitionModelVersionStage(model, '1', 'Production', false);
      await h.registry.transitionModelVersionStage(model, '2', 'Staging', false);
      const v3 = await h.registry.transitionModelVersionStage(model, '3', 'Production', true);
      expect(v3.currentStage).toBe('Production');
      expect((await h.registry.getModelVersion(model, '1')).currentStage).toBe('Archived');
      expect((await h.registry.getModelVersion(model, '2')).currentStage).toBe('Staging');
      expect((await h.registry.getLatestVersions(model, ['Production'])).map((v) => v.version)).toEqual([
        '3',
      ]);
      expect((await h.registry.getLatestVersions(model)).map((v) => [v.version, v.currentStage])).toEqual([
        ['1', 'Archived'],
        ['2', 'Staging'],
        ['3', 'Production'],
      ]);
      expect((await h.registry.getRegisteredModel(model)).latestVersions).toHaveLength(3);
      expect(await codeOf(h.registry.transitionModelVersionStage(model, '2', 'None', true))).toBe('USAGE');
      expect(await codeOf(h.registry.transitionModelVersionStage(model, '9', 'Staging', false))).toBe(
        'NOT_FOUND',
      );
    });

    it('points aliases at READY versions, moves and deletes them', async () => {
      const model = unique('model');
      await h.registry.createRegisteredModel({ name: model });
      await readyVersion(model);
      await readyVersion(model);
      await h.registry.setAlias(model, 'production', '1');
      await h.registry.setAlias(model, 'challenger', '2');
      expect((await h.registry.getVersionByAlias(model, 'production')).version).toBe('1');
      await h.registry.setAlias(model, 'production', '2');
      expect((await h.registry.getVersionByAlias(model, 'production')).version).toBe('2');
      expect((await h.registry.getModelVersion(model, '2')).aliases).toEqual(['challenger', 'production']);
      expect((await h.registry.getRegisteredModel(model)).aliases).toEqual([
        { alias: 'challenger', version: '2' },
        { alias: 'production', version: '2' },
      ]);
      for (const bad of ['v1', 'latest', 'has space', "x'--"])
        expect(await codeOf(h.registry.setAlias(model, bad, '1')), bad).toBe('USAGE');
      await h.registry.deleteAlias(model, 'challenger');
      expect(await codeOf(h.registry.getVersionByAlias(model, 'challenger'))).toBe('NOT_FOUND');
      expect(await codeOf(h.registry.deleteAlias(model, 'challenger'))).toBe('NOT_FOUND');
      await h.registry.deleteModelVersion(model, '2');
      expect(await codeOf(h.registry.getVersionByAlias(model, 'production'))).toBe('NOT_FOUND');
      expect(await codeOf(h.registry.getModelVersion(model, '2'))).toBe('NOT_FOUND');
    });

    it('updates and tags model versions', async () => {
      const model = unique('model');
      await h.registry.createRegisteredModel({ name: model });
      await readyVersion(model);
      expect((await h.registry.updateModelVersion(model, '1', { description: 'better' })).description).toBe(
        'better',
      );
      await h.registry.setModelVersionTag(model, '1', { key: 'gate', value: 'passed' });
      await h.registry.setModelVersionTag(model, '1', { key: 'other', value: 'x' });
      await h.registry.deleteModelVersionTag(model, '1', 'other');
      expect((await h.registry.getModelVersion(model, '1')).tags).toEqual([{ key: 'gate', value: 'passed' }]);
    });

    it('searches models and versions with filters and pages', async () => {
      const prefix = unique('search');
      for (const suffix of ['a', 'b', 'c'])
        await h.registry.createRegisteredModel({
          name: `${prefix}-${suffix}`,
          tags: [{ key: 'tier', value: suffix === 'b' ? 'gold' : 'std' }],
        });
      const filter = (text: string) => parseSearchFilter(text, REGISTERED_MODEL_SEARCH_SCHEMA);
      const names = async (text: string) =>
        (await h.registry.searchRegisteredModels({ filter: filter(text) })).items.map((m) => m.name);
      expect(await names(`name LIKE '${prefix}%'`)).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
      expect(await names(`name LIKE '${prefix}%' and tags.tier = 'gold'`)).toEqual([`${prefix}-b`]);
      expect(await names(`name = '${prefix}-c'`)).toEqual([`${prefix}-c`]);
      const page = await h.registry.searchRegisteredModels({
        filter: filter(`name LIKE '${prefix}%'`),
        maxResults: 2,
      });
      expect(page.items).toHaveLength(2);
      const rest = await h.registry.searchRegisteredModels({
        filter: filter(`name LIKE '${prefix}%'`),
        maxResults: 2,
        pageToken: page.nextPageToken!,
      });
      expect(rest.items.map((m) => m.name)).toEqual([`${prefix}-c`]);
      const v = await readyVersion(`${prefix}-a`);
      const byRun = await h.registry.searchModelVersions({
        filter: parseSearchFilter(`run_id IN ('${v.runId}', 'other')`, MODEL_VERSION_SEARCH_SCHEMA),
      });
      expect(byRun.items.map((x) => [x.name, x.version])).toEqual([[`${prefix}-a`, '1']]);
      expect(await names("name = 'x'' OR ''1''=''1'")).toEqual([]);
    });

    it('renames a model with its versions and aliases, and deletes it with them', async () => {
      const model = unique('model');
      await h.registry.createRegisteredModel({ name: model });
      await readyVersion(model);
      await h.registry.setAlias(model, 'production', '1');
      const renamed = unique('renamed');
      const after = await h.registry.renameRegisteredModel(model, renamed);
      expect(after.aliases).toEqual([{ alias: 'production', version: '1' }]);
      expect((await h.registry.getModelVersion(renamed, '1')).name).toBe(renamed);
      expect(await codeOf(h.registry.getRegisteredModel(model))).toBe('NOT_FOUND');
      const other = unique('other');
      await h.registry.createRegisteredModel({ name: other });
      expect(await codeOf(h.registry.renameRegisteredModel(renamed, other))).toBe('RESOURCE_ALREADY_EXISTS');
      await h.registry.deleteRegisteredModel(renamed);
      expect(await codeOf(h.registry.getModelVersion(renamed, '1'))).toBe('NOT_FOUND');
      expect(await codeOf(h.registry.getRegisteredModel(renamed))).toBe('NOT_FOUND');
    });

    it('numbers concurrent registrations without gaps or duplicates', async () => {
      const model = unique('model');
      await h.registry.createRegisteredModel({ name: model });
      const versions = await Promise.all(Array.from({ length: 5 }, () => readyVersion(model)));
      expect(versions.map((v) => Number(v.version)).sort()).toEqual([1, 2, 3, 4, 5]);
    });
  });
}
