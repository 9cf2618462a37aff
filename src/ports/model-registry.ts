import type {
  ModelStage,
  ModelVersion,
  OrderBy,
  RegisteredModel,
  SearchFilter,
  Tag,
} from '../core/tracking/index.js';
import type { Page } from './page.js';

/** Arguments of {@link ModelRegistry.createRegisteredModel}. */
export interface CreateRegisteredModelInput {
  readonly name: string;
  readonly description?: string;
  readonly tags?: readonly Tag[];
}

/** Arguments of {@link ModelRegistry.createModelVersion}. */
export interface CreateModelVersionInput {
  readonly name: string;
  /**
   * Where the version's files are (or will be): an artifact URI. `runs:/<run id>/<path>` is resolved
   * against the run's artifact URI. Refused when it escapes the artifact root.
   */
  readonly source: string;
  readonly runId?: string;
  readonly runLink?: string;
  readonly description?: string;
  readonly userId?: string;
  readonly tags?: readonly Tag[];
}

/** How {@link ModelRegistry.createModelVersion} makes the version's files exist before it is READY. */
export interface RegistrationOptions {
  /**
   * Writes the version's files under its (resolved) source. Called after the PENDING_REGISTRATION row
   * is committed; when it throws, the version becomes FAILED_REGISTRATION and the error is rethrown.
   */
  readonly writeArtifacts?: (version: ModelVersion) => Promise<void>;
  /** Paths (relative to the source) that must exist before READY; by default, at least one file. */
  readonly requiredFiles?: readonly string[];
  /**
   * Checks the files at the source once listed (for example that they load as a model); when it
   * throws, the version becomes FAILED_REGISTRATION with its message and the error is rethrown.
   */
  readonly verify?: (version: ModelVersion) => Promise<void>;
}

/** A search over registered models or model versions. */
export interface SearchRegistryInput {
  readonly filter?: SearchFilter;
  readonly maxResults?: number;
  readonly orderBy?: readonly OrderBy[];
  readonly pageToken?: string;
}

/** Fields of a model version that may change; absent fields are left as they are. */
export interface UpdateModelVersionInput {
  readonly description?: string;
}

/**
 * Registered models, their numbered versions, aliases and (for compatibility) stages.
 *
 * Registration is atomic in the only sense that survives a crash: a version is inserted as
 * PENDING_REGISTRATION and committed, its files are written, the store checks they are listed at
 * the source, and only then does one conditional update make it READY. A crash in between leaves a
 * PENDING_REGISTRATION version (which `failPendingVersionsOfRun`, when the crash of its pipeline run
 * is found, or `failStalePendingVersions` turns into FAILED_REGISTRATION),
 * never a READY one without files. Aliases and stage transitions accept only READY versions.
 */
export interface ModelRegistry {
  createRegisteredModel(input: CreateRegisteredModelInput): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  searchRegisteredModels(input?: SearchRegistryInput): Promise<Page<RegisteredModel>>;
  renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel>;
  updateRegisteredModel(name: string, input: { readonly description?: string }): Promise<RegisteredModel>;
  /** Deletes the model with its versions, tags and aliases (not the artifact files). */
  deleteRegisteredModel(name: string): Promise<void>;
  setRegisteredModelTag(name: string, tag: Tag): Promise<void>;
  deleteRegisteredModelTag(name: string, key: string): Promise<void>;
  /** Per stage (all stages when `stages` is empty or absent), the highest version in it. */
  getLatestVersions(name: string, stages?: readonly ModelStage[]): Promise<ModelVersion[]>;

  setAlias(name: string, alias: string, version: string): Promise<void>;
  deleteAlias(name: string, alias: string): Promise<void>;
  getVersionByAlias(name: string, alias: string): Promise<ModelVersion>;

  /** Returns the version READY, or throws after marking it FAILED_REGISTRATION. */
  createModelVersion(input: CreateModelVersionInput, options?: RegistrationOptions): Promise<ModelVersion>;
  getModelVersion(name: string, version: string): Promise<ModelVersion>;
  searchModelVersions(input?: SearchRegistryInput): Promise<Page<ModelVersion>>;
  updateModelVersion(name: string, version: string, input: UpdateModelVersionInput): Promise<ModelVersion>;
  /** With `archiveExistingVersions`, the other versions in the target stage move to Archived. */
  transitionModelVersionStage(
    name: string,
    version: string,
    stage: ModelStage,
    archiveExistingVersions: boolean,
  ): Promise<ModelVersion>;
  deleteModelVersion(name: string, version: string): Promise<void>;
  setModelVersionTag(name: string, version: string, tag: Tag): Promise<void>;
  deleteModelVersionTag(name: string, version: string, key: string): Promise<void>;
  /** Marks versions PENDING_REGISTRATION for longer than `olderThanMs` FAILED_REGISTRATION; returns how many. */
  failStalePendingVersions(olderThanMs: number): Promise<number>;
  /**
   * Marks FAILED_REGISTRATION, with `reason`, the versions of tracking run `runId` still
   * PENDING_REGISTRATION (their registration died with its process); returns how many.
   */
  failPendingVersionsOfRun(runId: string, reason: string): Promise<number>;

  close(): Promise<void>;
}
