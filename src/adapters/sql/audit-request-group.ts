/**
 * Rows of several requests (migration 0017). At one case per request a row per request is what
 * held the audit writer near 200k cases a second (docs/design-audit-record-rows.md): consecutive
 * one-case requests of a spool record, made in the same millisecond (their UUIDv7 ids share the
 * first 13 characters) and scored in the same one by the same model version for the same caller,
 * share one row instead. Its `request_id` is the least of their ids, so that the request index
 * finds the row of any of them within the ids of its millisecond (`requestIdFloor`), and
 * `requests` lists their ids in the row's case order without the 13 characters they share (those
 * of `request_id`), each `REQUEST_TAIL_CHARS` long and followed by a comma, so that a request's
 * case in the row is at its id's position divided by the stride.
 */
import type { AuditRowValues } from './audit-part-text.js';

/** Characters of a UUIDv7 that give the millisecond it was made (`xxxxxxxx-xxxx`). */
export const REQUEST_TIME_CHARS = 13;
/** Characters of a request id a row of several requests lists (a UUID's). */
export const REQUEST_ID_CHARS = 36;
/** Characters of an id after its millisecond: what `requests` lists of each. */
export const REQUEST_TAIL_CHARS = REQUEST_ID_CHARS - REQUEST_TIME_CHARS;
/** Characters per request in `requests`: the id's tail and a comma. */
export const REQUEST_STRIDE = REQUEST_TAIL_CHARS + 1;
/** Most requests a row holds (as many cases as the largest request part). */
export const REQUESTS_PER_ROW = 1000;

/**
 * Whether a request id may share a row with others: a lowercase UUID (the server's ids are
 * UUIDv7), whose first 13 characters then name its millisecond and which sorts the same way as
 * text in any collation. Others (an import's, a test's) keep a row each.
 *
 * @example
 * groupableRequestId('019ac6f1-53a0-7c4e-9b1d-3f0e2a7c5d10'); // true
 * groupableRequestId('req-1'); // false
 */
export function groupableRequestId(id: string): boolean {
  if (id.length !== REQUEST_ID_CHARS) return false;
  // Character by character: a regular expression cost a tenth of the writer's time per case.
  for (let i = 0; i < REQUEST_ID_CHARS; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false; // '-'
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false; // 0-9, a-f
  }
  return true;
}

/**
 * Whether a request part may share a row with other requests: a whole request of one case
 * (row 0), without a client's request id, under a groupable id (`groupableRequestId`).
 *
 * @example
 * sharesRow('019ac6f1-53a0-7c4e-9b1d-3f0e2a7c5d10', 0, 1, null); // true
 */
export function sharesRow(
  requestId: string,
  firstRow: number,
  cases: number,
  clientRequestId: string | null,
): boolean {
  return cases === 1 && firstRow === 0 && clientRequestId === null && groupableRequestId(requestId);
}

/**
 * The least `request_id` a row holding request `id` can have: the id's first 13 characters (the
 * rows of several requests group ids of one millisecond under their least; any other row holding
 * it has the id itself). Lookups read the request index from here to the id.
 *
 * @example
 * requestIdFloor('019ac6f1-53a0-7c4e-9b1d-3f0e2a7c5d10'); // '019ac6f1-53a0'
 */
export function requestIdFloor(id: string): string {
  return id.slice(0, REQUEST_TIME_CHARS);
}

/**
 * The request ids of a row's cases, in order: `requests` split for a row of several requests, else
 * the row's own request id for each.
 *
 * @example
 * requestIdsOfRow({ request_id: '019ac6f1-53a0-7c4e-…', cases: 2, requests: '-7c4e-…,-7f01-…,' });
 * // ['019ac6f1-53a0-7c4e-…', '019ac6f1-53a0-7f01-…']
 */
export function requestIdsOfRow(row: {
  readonly request_id: string;
  readonly cases: number;
  readonly requests: string | null;
}): string[] {
  const cases = Number(row.cases);
  if (row.requests === null) return new Array<string>(cases).fill(row.request_id);
  const millisecond = row.request_id.slice(0, REQUEST_TIME_CHARS);
  const ids = new Array<string>(cases);
  for (let i = 0; i < cases; i++)
    ids[i] = millisecond + row.requests.slice(i * REQUEST_STRIDE, i * REQUEST_STRIDE + REQUEST_TAIL_CHARS);
  return ids;
}

/**
 * The columns of a row of grouped requests, as `RequestGroup.take` gives them: row 0 of each
 * request, no client request id.
 */
export type GroupedRow = AuditRowValues & { readonly firstRow: 0; readonly clientRequestId: null };

/**
 * One-case requests collected into a row: `admits` says whether the next one may join, `add` adds
 * it, `take` gives the row and starts the next.
 *
 * @example
 * if (!group.admits(id, name, version, names, time, caller)) write(group.take());
 * group.add(id, subject, name, version, names, inputs, scores, time, caller);
 */
export class RequestGroup {
  #size = 0;
  #least = '';
  /** The first 13 characters of the ids collected. */
  #millisecond = '';
  #requests = '';
  #subjects: (string | null)[] = [];
  #named = false;
  #modelName = '';
  #modelVersion = '';
  #inputNames: string | null = null;
  #inputs = '';
  #scores = '';
  #time = 0;
  #caller = '';

  /** Requests collected. */
  get size(): number {
    return this.#size;
  }

  /** Whether request `id` (one case, a groupable id) may join the row collected so far. */
  admits(
    id: string,
    modelName: string,
    modelVersion: string,
    inputNames: string | null,
    time: number,
    caller: string,
  ): boolean {
    return (
      this.#size === 0 ||
      (this.#size < REQUESTS_PER_ROW &&
        time === this.#time &&
        id.startsWith(this.#millisecond) &&
        modelVersion === this.#modelVersion &&
        modelName === this.#modelName &&
        inputNames === this.#inputNames &&
        caller === this.#caller)
    );
  }

  /** Adds a one-case request (its case's inputs and score as JSON texts); `admits` said it may. */
  add(
    id: string,
    subject: string | null,
    modelName: string,
    modelVersion: string,
    inputNames: string | null,
    inputs: string,
    score: string,
    time: number,
    caller: string,
  ): void {
    if (this.#size === 0) {
      this.#least = id;
      this.#millisecond = id.slice(0, REQUEST_TIME_CHARS);
      this.#requests = '';
      this.#subjects = [];
      this.#named = false;
      this.#modelName = modelName;
      this.#modelVersion = modelVersion;
      this.#inputNames = inputNames;
      this.#inputs = inputs;
      this.#scores = score;
      this.#time = time;
      this.#caller = caller;
    } else {
      if (id < this.#least) this.#least = id;
      this.#inputs += `,${inputs}`;
      this.#scores += `,${score}`;
    }
    this.#requests += `${id.slice(REQUEST_TIME_CHARS)},`;
    this.#subjects.push(subject);
    if (subject !== null) this.#named = true;
    this.#size += 1;
  }

  /** The row of the requests collected; the group is empty again. */
  take(): GroupedRow {
    const one = this.#size === 1;
    const row: GroupedRow = {
      requestId: this.#least,
      firstRow: 0,
      cases: this.#size,
      caseId: one ? (this.#subjects[0] ?? null) : null,
      caseIds: !one && this.#named ? JSON.stringify(this.#subjects) : null,
      modelName: this.#modelName,
      modelVersion: this.#modelVersion,
      inputNames: this.#inputNames,
      inputs: this.#inputs,
      scores: this.#scores,
      time: this.#time,
      caller: this.#caller,
      clientRequestId: null,
      requests: one ? null : this.#requests,
    };
    this.#size = 0;
    return row;
  }
}
