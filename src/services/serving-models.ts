import { AmlopsError } from '../core/errors/index.js';
import { formatModelRef, type ModelRef, parseModelRef } from '../core/scoring/parse-model-ref.js';
import { loadModelVersion, type ModelSource, resolveModelVersion } from './load-model-version.js';
import type { LoadedModel } from './loaded-model.js';

/** What a scoring server serves, and how it follows the registry. */
export interface ServingModelsOptions {
  /** The configured model (`model.name`); its `production` alias is served by default. */
  readonly modelName: string;
  readonly defaultAlias?: string;
  /** Also follow the `challenger` alias, for shadow scoring. */
  readonly followChallenger?: boolean;
  /** How often the registry is asked where the aliases point, in milliseconds. */
  readonly pollMs: number;
  /** Models loaded on request (`?model=`) kept at most (least recently used dropped first). */
  readonly cacheSize?: number;
  /** Told of every load, swap and failure, for logs and metrics. */
  readonly onEvent?: (event: ServingEvent) => void;
}

/** Something that happened to the served models. */
export type ServingEvent =
  | {
      readonly kind: 'loaded';
      readonly model: LoadedModel;
      readonly role: 'default' | 'challenger' | 'on-demand';
    }
  | {
      readonly kind: 'swapped';
      readonly from: string | undefined;
      readonly to: string;
      readonly role: 'default' | 'challenger';
    }
  | { readonly kind: 'failed'; readonly ref: string; readonly error: unknown };

/**
 * The models a scoring server scores with. The default model follows an alias: the registry is
 * polled, a new version is loaded and verified in the background, then swapped in with one
 * assignment — a request holds the `LoadedModel` it started with, so requests in flight finish on
 * the old model and none fails. A version that fails to load is reported and the old one kept.
 *
 * @example
 * const models = new ServingModels(source, { modelName: 'consumers-laundering-model', pollMs: 5000 });
 * await models.start();
 * const model = await models.resolve(undefined); // the production model
 */
export class ServingModels {
  readonly #source: ModelSource;
  readonly #options: ServingModelsOptions;
  readonly #cache = new Map<string, LoadedModel>();
  readonly #aliasCache = new Map<string, { version: string; until: number }>();
  #default: LoadedModel | undefined;
  #challenger: LoadedModel | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #polling: Promise<void> | undefined;
  #closed = false;

  constructor(source: ModelSource, options: ServingModelsOptions) {
    this.#source = source;
    this.#options = options;
  }

  /** The model served by default, once one is loaded. */
  get current(): LoadedModel | undefined {
    return this.#default;
  }

  /** The challenger, when followed and present. */
  get challenger(): LoadedModel | undefined {
    return this.#challenger;
  }

  /** Loads the current versions (a missing alias is not an error: the server is just not ready) and starts polling. */
  async start(): Promise<void> {
    await this.poll();
    this.#schedule();
  }

  /** Asks the registry once where the aliases point, loading and swapping in what changed. */
  poll(): Promise<void> {
    this.#polling ??= this.#pollOnce().finally(() => {
      this.#polling = undefined;
    });
    return this.#polling;
  }

  /**
   * The model a request asks for: the default model when `refText` is absent, else `NAME`,
   * `NAME@ALIAS` or `NAME/VERSION` (loaded on first use, then cached).
   */
  async resolve(refText: string | undefined): Promise<LoadedModel> {
    if (refText === undefined || refText === '') {
      const model = this.#default;
      if (!model)
        throw new AmlopsError(
          'SCORING_MODEL_NOT_READY',
          `no model is loaded: ${this.#options.modelName}@${this.#alias} is not set in the registry, or still loading`,
        );
      return model;
    }
    const ref = parseModelRef(refText, this.#alias);
    const current = this.#default;
    if (
      current &&
      ref.name === current.name &&
      (ref.alias === this.#alias || ref.version === current.version)
    )
      return current;
    const version = ref.version ?? (await this.#aliasVersion(ref));
    const key = `${ref.name}/${version}`;
    const cached = this.#cache.get(key);
    if (cached) {
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      // The same version may be asked for by number or by another alias: the identity says how.
      return cached.alias === ref.alias ? cached : { ...cached, alias: ref.alias };
    }
    const model = await this.#load({ name: ref.name, version }, ref.alias, 'on-demand');
    this.#cache.set(key, model);
    while (this.#cache.size > (this.#options.cacheSize ?? 8))
      this.#cache.delete(this.#cache.keys().next().value!);
    return model;
  }

  /** Stops polling; the loaded models stay usable. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#polling;
  }

  get #alias(): string {
    return this.#options.defaultAlias ?? 'production';
  }

  #schedule(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      this.poll().finally(() => this.#schedule());
    }, this.#options.pollMs);
    this.#timer.unref?.();
  }

  async #pollOnce(): Promise<void> {
    const name = this.#options.modelName;
    const next = await this.#follow({ name, alias: this.#alias }, this.#default, 'default');
    if (next !== this.#default) {
      const from = this.#default?.version;
      this.#default = next;
      // Marked stale or fresh again, the same version is no swap.
      if (next && next.version !== from)
        this.#options.onEvent?.({ kind: 'swapped', from, to: next.version, role: 'default' });
    }
    if (this.#options.followChallenger) {
      const challenger = await this.#follow({ name, alias: 'challenger' }, this.#challenger, 'challenger');
      if (challenger !== this.#challenger && challenger)
        this.#options.onEvent?.({
          kind: 'swapped',
          from: this.#challenger?.version,
          to: challenger.version,
          role: 'challenger',
        });
      this.#challenger = challenger;
    }
  }

  /** The model an alias points to now: the one held when unchanged, a newly loaded one when moved. */
  async #follow(
    ref: ModelRef,
    held: LoadedModel | undefined,
    role: 'default' | 'challenger',
  ): Promise<LoadedModel | undefined> {
    let version: string;
    try {
      version = (await resolveModelVersion(this.#source.registry, ref)).version;
    } catch (error) {
      // An alias removed keeps the model held: serving stops only by an explicit decision, not a gap.
      if (!(error instanceof AmlopsError && error.code === 'SCORING_MODEL_NOT_FOUND'))
        this.#options.onEvent?.({ kind: 'failed', ref: formatModelRef(ref), error });
      return held;
    }
    if (held && held.version === version && !held.stale) return held;
    try {
      return await this.#load({ name: ref.name, version }, ref.alias, role);
    } catch (error) {
      this.#options.onEvent?.({ kind: 'failed', ref: `${ref.name}/${version}`, error });
      return held && (await this.#staled(held, version, error));
    }
  }

  /**
   * The model held, marked as no longer what the alias names (the alias moved to `wanted`, which
   * failed to load): its identity then carries its stage as the registry has it now (`Archived`
   * after a promotion), not the alias it was served by.
   */
  async #staled(held: LoadedModel, wanted: string, error: unknown): Promise<LoadedModel> {
    const reason = error instanceof Error ? error.message : String(error);
    if (held.stale?.wanted === wanted && held.stale.reason === reason) return held;
    const registryVersion = await this.#source.registry
      .getModelVersion(held.name, held.version)
      .catch(() => held.registryVersion);
    return { ...held, alias: undefined, registryVersion, stale: { wanted, reason } };
  }

  async #aliasVersion(ref: ModelRef): Promise<string> {
    const key = formatModelRef(ref);
    const now = Date.now();
    const hit = this.#aliasCache.get(key);
    if (hit && hit.until > now) return hit.version;
    const { version } = await resolveModelVersion(this.#source.registry, ref);
    this.#aliasCache.set(key, { version, until: now + this.#options.pollMs });
    return version;
  }

  async #load(
    ref: { name: string; version: string },
    alias: string | undefined,
    role: 'default' | 'challenger' | 'on-demand',
  ): Promise<LoadedModel> {
    const version = await resolveModelVersion(this.#source.registry, ref);
    const model = await loadModelVersion(this.#source, version, alias);
    this.#options.onEvent?.({ kind: 'loaded', model, role });
    return model;
  }
}
