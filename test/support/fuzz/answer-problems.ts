/** The parts of an answer the fuzz properties judge. */
export interface JudgedAnswer {
  readonly statusCode: number;
  readonly body: string;
}

/** Longest a request may take, whatever it carries. */
export const SLOWEST_ANSWER_MS = 2000;

/** What in a body gives away internals: a stack frame, the checkout, installed packages. */
const INTERNALS = [/ {4}at /, /\/work\//, /node_modules/];

/**
 * What is wrong with an answer to a hostile request, empty when nothing: a 5xx, more than 2 s, an
 * error that is neither amlops' shape (`{"error": {"code"}}`) nor MLflow's (`{"error_code"}`), a
 * stack trace or a file path of the server in the body. A HEAD answer has no body to judge.
 *
 * @example
 * expect(answerProblems(await app.inject(request), elapsedMs, 'POST')).toEqual([]);
 */
export function answerProblems(answer: JudgedAnswer, elapsedMs: number, method: string): string[] {
  const problems: string[] = [];
  if (answer.statusCode >= 500) problems.push(`status ${answer.statusCode}`);
  if (elapsedMs >= SLOWEST_ANSWER_MS) problems.push(`took ${Math.round(elapsedMs)} ms`);
  for (const pattern of INTERNALS)
    if (pattern.test(answer.body)) problems.push(`the body shows internals (${pattern})`);
  if (answer.statusCode >= 400 && method !== 'HEAD' && !isErrorShape(answer.body))
    problems.push('the error body is neither amlops’ nor MLflow’s error shape');
  return problems.map((problem) => `${problem}: ${answer.body.slice(0, 300)}`);
}

function isErrorShape(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null) return false;
  const { error, error_code } = parsed as { error?: { code?: unknown }; error_code?: unknown };
  return typeof error?.code === 'string' || typeof error_code === 'string';
}
