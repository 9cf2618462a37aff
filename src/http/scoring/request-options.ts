import type { FastifyRequest } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';

/** The content types of a JSON body. */
export function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return type === undefined || /^application\/(?:[\w.+-]*\+)?json\b/i.test(type);
}

/**
 * Refuses a body that is not JSON with 415 (an absent body is left to the protocol's parser, which
 * reports "no cases").
 *
 * @example
 * requireJson(request);
 */
export function requireJson(request: FastifyRequest, accepted = 'application/json'): void {
  if (!isJson(request))
    throw new AmlopsError(
      'HTTP_UNSUPPORTED_MEDIA_TYPE',
      `${request.method} ${request.routeOptions.url} takes ${accepted}; got ${request.headers['content-type']}`,
    );
}

/**
 * The `model` and `explain` query options of a scoring request, checked.
 *
 * @example
 * scoringQuery(request); // { model: 'consumers-laundering-model@challenger', explain: false }
 */
export function scoringQuery(request: FastifyRequest): { model: string | undefined; explain: boolean } {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const model = query.model;
  if (model !== undefined && typeof model !== 'string')
    throw new AmlopsError('SCORING_MODEL_REF_INVALID', 'give ?model= once: NAME, NAME@ALIAS or NAME/VERSION');
  const explain = query.explain;
  if (explain !== undefined && !['true', 'false', '1', '0', ''].includes(String(explain)))
    throw new AmlopsError(
      'SCORING_INPUT_INVALID',
      `?explain= must be true or false; got ${JSON.stringify(explain)}`,
    );
  return {
    model: model === '' ? undefined : model,
    explain: explain === 'true' || explain === '1' || explain === '',
  };
}
