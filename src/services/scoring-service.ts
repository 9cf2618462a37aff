import type { CaseReasons } from '../core/scoring/case-reasons.js';
import type { ColumnarInput } from '../core/scoring/columnar-input.js';
import type { ScoringWarning } from '../core/scoring/scoring-warning.js';
import { validateScoringInput } from '../core/scoring/validate-scoring-input.js';
import type { ScoredCase } from '../ports/audit-log.js';
import type { AuditRecorder } from './audit-recorder.js';
import { explainAuditedInputs } from './explain-audited-inputs.js';
import type { LoadedModel } from './loaded-model.js';
import type { ServingModels } from './serving-models.js';

/** One scoring request, whatever its protocol. */
export interface ScoreRequest {
  readonly input: ColumnarInput;
  /** `NAME`, `NAME@ALIAS` or `NAME/VERSION`; the served default model when absent. */
  readonly model?: string;
  readonly explain?: boolean;
  /** The request's id, made by the server: the audit key of its cases (with their row). */
  readonly requestId: string;
  /** Who asked (API key id when auth is on), recorded in the audit log. */
  readonly caller?: string;
  /** The client's own well-formed `X-Request-Id`, recorded in the audit log beside `requestId`. */
  readonly clientRequestId?: string | null;
}

/** The scores of a request and everything said about it. */
export interface ScoredRequest {
  readonly model: LoadedModel;
  readonly rowCount: number;
  /** Probabilities, one per case. */
  readonly scores: Float64Array;
  readonly warnings: readonly ScoringWarning[];
  /** Reasons per case, when asked for. */
  readonly reasons?: readonly CaseReasons[];
}

export interface ScoringServiceOptions {
  readonly models: ServingModels;
  /** Where scored cases are recorded before they are answered; none means auditing is off. */
  readonly audit?: AuditRecorder;
  readonly maxRows: number;
  /** Score the challenger too, after answering, and report its scores here (never returned). */
  readonly onShadow?: (shadow: {
    requestId: string;
    model: LoadedModel;
    scores?: Float64Array;
    error?: unknown;
  }) => void;
  readonly now?: () => number;
}

/**
 * The scoring use case: resolves the model, checks the input against its contract, scores (with
 * reasons when asked), records every case in the audit log before answering, and shadow-scores the challenger.
 *
 * @example
 * const scored = await service.score({ input: parsePredictBody(body).input, requestId: 'r-1' });
 * scored.scores[0]; // 0.8731
 */
export class ScoringService {
  readonly #options: ScoringServiceOptions;
  readonly #now: () => number;

  constructor(options: ScoringServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get models(): ServingModels {
    return this.#options.models;
  }

  /**
   * The reasons of a case already scored and audited, by the model version that scored it, from its
   * recorded inputs: TreeSHAP again, as `?explain=true` gave them, with no new score recorded.
   */
  async explainCase(scored: Pick<ScoredCase, 'modelName' | 'modelVersion' | 'inputs'>): Promise<CaseReasons> {
    const { scorer } = await this.#options.models.resolve(`${scored.modelName}/${scored.modelVersion}`);
    return explainAuditedInputs(scorer, scored.inputs);
  }

  async score(request: ScoreRequest): Promise<ScoredRequest> {
    const loaded = await this.#options.models.resolve(request.model);
    const { scorer } = loaded;
    const input = validateScoringInput(request.input, scorer.contract, this.#options.maxRows);
    const scores = new Float64Array(input.rowCount);
    scorer.score(input, scores);
    const reasons = request.explain
      ? Array.from({ length: input.rowCount }, (_, row) => scorer.explain(input, row))
      : undefined;
    // Answered only once recorded: a refusal (AUDIT_UNAVAILABLE) leaves the request unanswered.
    await this.#options.audit?.record({
      requestId: request.requestId,
      modelName: loaded.name,
      modelVersion: loaded.version,
      time: this.#now(),
      caller: request.caller ?? '',
      clientRequestId: request.clientRequestId ?? null,
      contract: scorer.contract,
      input,
      scores,
    });
    const challenger = this.#options.models.challenger;
    const onShadow = this.#options.onShadow;
    if (challenger && onShadow && request.model === undefined && challenger !== loaded)
      setImmediate(() => {
        try {
          const checked = validateScoringInput(
            request.input,
            challenger.scorer.contract,
            this.#options.maxRows,
          );
          const shadow = new Float64Array(checked.rowCount);
          challenger.scorer.score(checked, shadow);
          onShadow({ requestId: request.requestId, model: challenger, scores: shadow });
        } catch (error) {
          onShadow({ requestId: request.requestId, model: challenger, error });
        }
      });
    return {
      model: loaded,
      rowCount: input.rowCount,
      scores,
      warnings: input.warnings,
      ...(reasons ? { reasons } : {}),
    };
  }
}
