/**
 * What a key may do. `read`: look at runs, models, reports, scored cases and metrics. `score`:
 * score cases (a scoring client's key). `write`: read, score, and change things: runs, models,
 * promotions, alerts, analysts' conclusions. `admin`: everything, keys included.
 */
export const ROLES = ['read', 'score', 'write', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a route needs: a role, or nothing (`public`: health checks a load balancer calls). */
export type RouteAccess = Role | 'public';

const GRANTS: Readonly<Record<Role, readonly Role[]>> = {
  read: ['read'],
  score: ['score'],
  write: ['read', 'score', 'write'],
  admin: ['read', 'score', 'write', 'admin'],
};

/**
 * Whether a key of role `held` may call a route that needs `needed`.
 *
 * @example
 * roleGrants('write', 'read'); // true
 * roleGrants('score', 'read'); // false: a scoring client does not read the audit log
 */
export function roleGrants(held: Role, needed: RouteAccess): boolean {
  return needed === 'public' || GRANTS[held].includes(needed);
}

/** Whether `value` names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
