import { ROLES } from '../../core/auth/index.js';
import { ROUTE_ROLES } from './route-roles.js';

const ROLE_MEANING: Record<(typeof ROLES)[number], string> = {
  read: 'look at runs, models, reports, alerts, scored cases and metrics',
  score: 'score cases (a scoring client)',
  write: 'read and score, and change things: runs, models, promotions, alerts, conclusions',
  admin: 'everything',
};

/**
 * docs/roles.md: what each role grants and what each route needs, generated from the role table
 * (`route-roles.ts`), so that the documentation is the code's table.
 */
export function renderRolesDoc(): string {
  const lines = [
    '# Roles and routes',
    '',
    '<!-- Generated from src/http/auth/route-roles.ts by `npm run docs`; do not edit. -->',
    '',
    'With `auth.mode=keys` every route but the public ones needs an API key',
    '(`Authorization: Bearer <key>`) whose role grants what the route needs; see',
    '[security.md](security.md). `HEAD` needs what `GET` needs. Scoring routes and `/metrics`',
    'become public when `auth.scoringNeedsKey` / `auth.metricsNeedsKey` are false.',
    '',
    '| role | may |',
    '| --- | --- |',
    ...ROLES.map((role) => `| \`${role}\` | ${ROLE_MEANING[role]} |`),
    '',
    '| method | route | needs |',
    '| --- | --- | --- |',
    ...ROUTE_ROLES.map((r) => `| ${r.method} | \`${r.url}\` | ${r.access} |`),
    '',
  ];
  return lines.join('\n');
}
