import type { AuditBatch } from '../../ports/audit-sink.js';

/** How long a version's alert threshold is trusted before it is read again, by default. */
export const THRESHOLD_TTL_MS = 5000;

/**
 * The alert threshold as a version's tag holds it: a score in [0, 1], or undefined when the tag is
 * absent or not one (the version then opens no case).
 */
export function thresholdFromTag(text: string | undefined | null): number | undefined {
  if (text === undefined || text === null || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}

/**
 * The alert thresholds of the model versions an audit writer meets, each read from the registry
 * at most every `ttlMs`: setting a threshold (`amlops threshold --set`) reaches the cases opened a
 * few seconds later, and the writer reads the registry once per version per interval, not per case.
 *
 * @example
 * for (const { name, version } of cache.stale(batches)) cache.set(name, version, readTag(name, version));
 * cache.get('consumers-laundering-model', '3');
 */
export class AlertThresholdCache {
  readonly #ttlMs: number;
  readonly #now: () => number;
  /** By model name, then version: no key made per request part. */
  readonly #entries = new Map<
    string,
    Map<string, { readonly value: number | undefined; readonly until: number }>
  >();

  constructor(ttlMs = THRESHOLD_TTL_MS, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** The versions of `batches` whose threshold is not known or too old to trust. */
  stale(batches: readonly AuditBatch[]): { name: string; version: string }[] {
    const now = this.#now();
    const found = new Map<string, { name: string; version: string }>();
    for (const batch of batches)
      for (let part = 0; part < batch.requestIds.length; part++) {
        const name = batch.modelNames[part]!;
        const version = batch.modelVersions[part]!;
        const entry = this.#entries.get(name)?.get(version);
        if (entry && entry.until > now) continue;
        const key = `${name}\u0000${version}`;
        if (!found.has(key)) found.set(key, { name, version });
      }
    return [...found.values()];
  }

  set(name: string, version: string, value: number | undefined): void {
    let versions = this.#entries.get(name);
    if (!versions) {
      versions = new Map();
      this.#entries.set(name, versions);
    }
    versions.set(version, { value, until: this.#now() + this.#ttlMs });
  }

  get(name: string, version: string): number | undefined {
    return this.#entries.get(name)?.get(version)?.value;
  }
}
