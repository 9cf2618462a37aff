import type { GbdtParamsInput } from '../gbdt/parameters.js';
import type { Rng } from '../random/rng.js';
import { drawParameter } from './parameter-distribution.js';
import type { SearchCandidate } from './search-candidate.js';
import type { GridSpace, SampledSpace, SearchableParam, SearchSpace } from './search-space.js';

/**
 * The candidates of a space, in the order they are tried. A grid needs no randomness; a sampled
 * space draws with `rng` (the same seed gives the same candidates).
 *
 * @example
 * searchCandidates({ kind: 'grid', base: {}, grid: { n_estimators: [10, 5], max_depth: [2, 3] },
 *   featureSets: ['original'] }, new Rng(0)).length; // 4
 */
export function searchCandidates(space: SearchSpace, rng: Rng): SearchCandidate[] {
  if (space.kind === 'union')
    return space.spaces
      .flatMap((part) => searchCandidates(part, rng))
      .map((candidate, index) => ({ ...candidate, index }));
  return space.kind === 'grid' ? gridCandidates(space) : sampledCandidates(space, rng);
}

function gridCandidates(space: GridSpace): SearchCandidate[] {
  const names = (Object.keys(space.grid) as SearchableParam[]).sort();
  let points: GbdtParamsInput[] = [{}];
  for (const name of names) {
    const values = space.grid[name]!;
    points = points.flatMap((point) => values.map((value) => ({ ...point, [name]: value })));
  }
  const candidates: SearchCandidate[] = [];
  for (const featureSet of space.featureSets) {
    for (const point of points) {
      candidates.push({ index: candidates.length, params: { ...space.base, ...point }, featureSet });
    }
  }
  return candidates;
}

function sampledCandidates(space: SampledSpace, rng: Rng): SearchCandidate[] {
  const candidates: SearchCandidate[] = space.first.map((c, index) => ({
    index,
    params: { ...space.base, ...c.params },
    featureSet: c.featureSet,
  }));
  const names = (Object.keys(space.distributions) as SearchableParam[]).sort();
  const seen = new Set(candidates.map(keyOf));
  // Duplicate draws (likely with few choices) are redrawn a bounded number of times.
  for (
    let attempt = 0;
    candidates.length < space.first.length + space.count && attempt < 20 * space.count;
    attempt++
  ) {
    const params: Record<string, number> = {};
    for (const name of names) params[name] = drawParameter(space.distributions[name]!, rng);
    const featureSet = space.featureSets[rng.nextInt(space.featureSets.length)]!;
    const candidate = { index: candidates.length, params: { ...space.base, ...params }, featureSet };
    const key = keyOf(candidate);
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push(candidate);
  }
  return candidates;
}

function keyOf(candidate: Omit<SearchCandidate, 'index'>): string {
  const params = candidate.params as Record<string, unknown>;
  const sorted = Object.keys(params)
    .sort()
    .map((k) => [k, params[k]]);
  return JSON.stringify([candidate.featureSet, sorted]);
}
