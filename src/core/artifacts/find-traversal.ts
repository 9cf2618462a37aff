/**
 * Why a path or URI would escape its root, or undefined when it would not. Each of the percent-decoded
 * forms (up to three levels: `%252e%252e%252f` → `%2e%2e%2f` → `../`) is checked for `..` segments
 * (either slash), NUL bytes and `;` path parameters, the tricks of MLflow's path-traversal CVEs.
 *
 * @example
 * findTraversal('model/%2e%2e%2fsecret'); // "'..' segment"
 * findTraversal('model/MLmodel'); // undefined
 */
export function findTraversal(text: string): string | undefined {
  let current = text;
  for (let level = 0; level < 4; level += 1) {
    if (current.includes('\u0000')) return 'NUL byte';
    if (current.includes(';')) return "';' path parameter";
    if (current.split(/[\\/]/).some((segment) => segment === '..')) return "'..' segment";
    if (!current.includes('%')) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return 'malformed percent-encoding';
    }
    if (decoded === current) return undefined;
    current = decoded;
  }
  return 'percent-encoding nested too deeply';
}
