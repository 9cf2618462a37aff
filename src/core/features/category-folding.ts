/**
 * The form in which two spellings of a category are the same: surrounding spaces removed and
 * lower case (`' High '` and `'HIGH'` fold to `'high'`).
 *
 * @example
 * foldCategory(' High '); // 'high'
 */
export function foldCategory(label: string): string {
  return label.trim().toLowerCase();
}

/**
 * Which category each folded spelling stands for: every category under its folded form, except a
 * form two categories share (then neither is matched by folding, only by its exact spelling).
 *
 * @example
 * categoryFolding(['HIGH', 'LOW']).get('high'); // 'HIGH'
 */
export function categoryFolding(categories: readonly string[]): ReadonlyMap<string, string> {
  const folding = new Map<string, string>();
  const shared = new Set<string>();
  for (const category of categories) {
    const key = foldCategory(category);
    if (folding.has(key)) shared.add(key);
    else folding.set(key, category);
  }
  for (const key of shared) folding.delete(key);
  return folding;
}
