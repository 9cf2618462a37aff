import type { ModelStage, ModelVersion, RegisteredModel, Tag } from '../../core/tracking/index.js';
import type { ArtifactStore } from '../../ports/artifact-store.js';
import type {
  CreateModelVersionInput,
  CreateRegisteredModelInput,
  ModelRegistry,
  RegistrationOptions,
  SearchRegistryInput,
  UpdateModelVersionInput,
} from '../../ports/model-registry.js';
import type { Page } from '../../ports/page.js';
import * as aliases from './aliases-sql.js';
import * as versions from './model-versions-sql.js';
import * as models from './registered-models-sql.js';
import type { SqlDatabase } from './sql-database.js';
import type { SqlStoreContext } from './sql-store-context.js';
import type { SqlStoreOptions } from './sql-tracking-store.js';

/** Options of {@link SqlModelRegistry.open}: those of the tracking store plus how to reach artifacts. */
export interface SqlRegistryOptions extends SqlStoreOptions {
  /** The artifact store rooted at an URI: where a new version's files are checked before READY. */
  readonly openArtifacts: (uri: string) => ArtifactStore;
}

/**
 * The model registry on SQLite or PostgreSQL, sharing the tracking store's database.
 *
 * @example
 * const registry = await SqlModelRegistry.open(database, { artifactRoot, openArtifacts: openArtifactStore });
 * await registry.createRegisteredModel({ name: 'consumers-laundering-model' });
 */
export class SqlModelRegistry implements ModelRegistry {
  readonly #ctx: SqlStoreContext;
  readonly #database: SqlDatabase;
  readonly #openArtifacts: (uri: string) => ArtifactStore;

  private constructor(database: SqlDatabase, options: SqlRegistryOptions) {
    this.#database = database;
    this.#openArtifacts = options.openArtifacts;
    this.#ctx = {
      db: database.db,
      flavor: database.flavor,
      now: options.now ?? Date.now,
      artifactRoot: options.artifactRoot,
    };
  }

  /** Takes one reference to `database`, released by `close`. */
  static async open(database: SqlDatabase, options: SqlRegistryOptions): Promise<SqlModelRegistry> {
    database.retain();
    return new SqlModelRegistry(database, options);
  }

  createRegisteredModel(input: CreateRegisteredModelInput): Promise<RegisteredModel> {
    return models.createRegisteredModel(this.#ctx, input);
  }
  getRegisteredModel(name: string): Promise<RegisteredModel> {
    return models.getRegisteredModel(this.#ctx, name);
  }
  searchRegisteredModels(input?: SearchRegistryInput): Promise<Page<RegisteredModel>> {
    return models.searchRegisteredModels(this.#ctx, input);
  }
  renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> {
    return models.renameRegisteredModel(this.#ctx, name, newName);
  }
  updateRegisteredModel(name: string, input: { readonly description?: string }): Promise<RegisteredModel> {
    return models.updateRegisteredModel(this.#ctx, name, input);
  }
  deleteRegisteredModel(name: string): Promise<void> {
    return models.deleteRegisteredModel(this.#ctx, name);
  }
  setRegisteredModelTag(name: string, tag: Tag): Promise<void> {
    return models.setRegisteredModelTag(this.#ctx, name, tag);
  }
  deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    return models.deleteRegisteredModelTag(this.#ctx, name, key);
  }
  getLatestVersions(name: string, stages?: readonly ModelStage[]): Promise<ModelVersion[]> {
    return models.getLatestVersions(this.#ctx, name, stages);
  }

  setAlias(name: string, alias: string, version: string): Promise<void> {
    return aliases.setAlias(this.#ctx, name, alias, version);
  }
  deleteAlias(name: string, alias: string): Promise<void> {
    return aliases.deleteAlias(this.#ctx, name, alias);
  }
  getVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    return aliases.getVersionByAlias(this.#ctx, name, alias);
  }

  createModelVersion(input: CreateModelVersionInput, options?: RegistrationOptions): Promise<ModelVersion> {
    return versions.createModelVersion(this.#ctx, this.#openArtifacts, input, options);
  }
  getModelVersion(name: string, version: string): Promise<ModelVersion> {
    return versions.getModelVersion(this.#ctx, name, version);
  }
  searchModelVersions(input?: SearchRegistryInput): Promise<Page<ModelVersion>> {
    return versions.searchModelVersions(this.#ctx, input);
  }
  updateModelVersion(name: string, version: string, input: UpdateModelVersionInput): Promise<ModelVersion> {
    return versions.updateModelVersion(this.#ctx, name, version, input);
  }
  transitionModelVersionStage(
    name: string,
    version: string,
    stage: ModelStage,
    archiveExistingVersions: boolean,
  ): Promise<ModelVersion> {
    return versions.transitionModelVersionStage(this.#ctx, name, version, stage, archiveExistingVersions);
  }
  deleteModelVersion(name: string, version: string): Promise<void> {
    return versions.deleteModelVersion(this.#ctx, name, version);
  }
  setModelVersionTag(name: string, version: string, tag: Tag): Promise<void> {
    return versions.setModelVersionTag(this.#ctx, name, version, tag.key, tag.value);
  }
  deleteModelVersionTag(name: string, version: string, key: string): Promise<void> {
    return versions.setModelVersionTag(this.#ctx, name, version, key, undefined);
  }
  failStalePendingVersions(olderThanMs: number): Promise<number> {
    return versions.failStalePendingVersions(this.#ctx, olderThanMs);
  }

  failPendingVersionsOfRun(runId: string, reason: string): Promise<number> {
    return versions.failPendingVersionsOfRun(this.#ctx, runId, reason);
  }

  close(): Promise<void> {
    return this.#database.close();
  }
}
