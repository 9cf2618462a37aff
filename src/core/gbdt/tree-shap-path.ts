/**
 * The decision path of path-dependent TreeSHAP (Lundberg et al., Algorithm 2), kept in float32
 * exactly as XGBoost's `ExtendPath` / `UnwindPath` / `UnwoundPathSum` compute it, so that
 * contributions match `pred_contribs=True` bit for bit. A path of depth `d` lives at `offset ..
 * offset + d` of the four parallel arrays; each recursion level copies its parent's path forward.
 */
export interface ShapPath {
  readonly feature: Int32Array;
  readonly zero: Float32Array;
  readonly one: Float32Array;
  readonly weight: Float32Array;
}

const f = Math.fround;

/**
 * Allocates room for every level of a tree of depth `maxDepth` (XGBoost's `(d+2)(d+3)/2` elements).
 *
 * @example
 * const path = createShapPath(6);
 */
export function createShapPath(maxDepth: number): ShapPath {
  const d = maxDepth + 2;
  const size = (d * (d + 1)) / 2;
  return {
    feature: new Int32Array(size),
    zero: new Float32Array(size),
    one: new Float32Array(size),
    weight: new Float32Array(size),
  };
}

/**
 * Appends a split to the path at `at .. at + depth` with the fractions of "feature absent" (zero)
 * and "feature present" (one) flowing through it.
 *
 * @example
 * extendPath(path, 0, 0, 1, 1, -1); // the root of every path
 */
export function extendPath(
  path: ShapPath,
  at: number,
  depth: number,
  zeroFraction: number,
  oneFraction: number,
  feature: number,
): void {
  const { weight } = path;
  path.feature[at + depth] = feature;
  path.zero[at + depth] = zeroFraction;
  path.one[at + depth] = oneFraction;
  weight[at + depth] = depth === 0 ? 1 : 0;
  const denominator = depth + 1;
  for (let i = depth - 1; i >= 0; i--) {
    weight[at + i + 1] = f(
      weight[at + i + 1]! + f(f(f(oneFraction * weight[at + i]!) * (i + 1)) / denominator),
    );
    weight[at + i] = f(f(f(zeroFraction * weight[at + i]!) * (depth - i)) / denominator);
  }
}

/**
 * Removes element `index` from the path, undoing its {@link extendPath}.
 *
 * @example
 * unwindPath(path, at, depth, 2); // the feature at position 2 is split on again further down
 */
export function unwindPath(path: ShapPath, at: number, depth: number, index: number): void {
  const { weight } = path;
  const oneFraction = path.one[at + index]!;
  const zeroFraction = path.zero[at + index]!;
  let nextOnePortion = weight[at + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (oneFraction !== 0) {
      const tmp = weight[at + i]!;
      weight[at + i] = f(f(nextOnePortion * (depth + 1)) / f((i + 1) * oneFraction));
      nextOnePortion = f(tmp - f(f(f(weight[at + i]! * zeroFraction) * (depth - i)) / (depth + 1)));
    } else {
      weight[at + i] = f(f(weight[at + i]! * (depth + 1)) / f(zeroFraction * (depth - i)));
    }
  }
  for (let i = index; i < depth; i++) {
    path.feature[at + i] = path.feature[at + i + 1]!;
    path.zero[at + i] = path.zero[at + i + 1]!;
    path.one[at + i] = path.one[at + i + 1]!;
  }
}

/**
 * The total permutation weight the path would have without element `index`.
 *
 * @example
 * const w = unwoundPathSum(path, at, depth, 1);
 */
export function unwoundPathSum(path: ShapPath, at: number, depth: number, index: number): number {
  const { weight } = path;
  const oneFraction = path.one[at + index]!;
  const zeroFraction = path.zero[at + index]!;
  let nextOnePortion = weight[at + depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (oneFraction !== 0) {
      const tmp = f(f(nextOnePortion * (depth + 1)) / f((i + 1) * oneFraction));
      total = f(total + tmp);
      nextOnePortion = f(weight[at + i]! - f(f(tmp * zeroFraction) * f((depth - i) / (depth + 1))));
    } else {
      total = f(total + f(f(weight[at + i]! / zeroFraction) / f((depth - i) / (depth + 1))));
    }
  }
  return total;
}
