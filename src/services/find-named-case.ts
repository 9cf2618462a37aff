import type { AuditLog, ScoredCase } from '../ports/audit-log.js';

/** `request#row`, as `amlops predictions list` prints a case. */
const REQUEST_ROW = /^(.+)#(\d+)$/;

/**
 * The latest scoring of the case a person names as a listing prints it: its case id, or
 * `request#row` (the request id and the case's position in it).
 *
 * @example
 * await findNamedCase(log, 'C-1042');
 * await findNamedCase(log, '019ac6f1-53a0-7c4e-9b1d-3f0e2a7c5d10#3');
 */
export async function findNamedCase(log: AuditLog, name: string): Promise<ScoredCase | undefined> {
  const byId = await log.findCase({ caseId: name });
  if (byId) return byId;
  const match = REQUEST_ROW.exec(name);
  return match ? log.findCase({ requestId: match[1]!, row: Number(match[2]) }) : undefined;
}
