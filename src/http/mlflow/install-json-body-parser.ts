import type { FastifyInstance } from 'fastify';

/**
 * Replaces, in the MLflow context only, Fastify's JSON body parser by one that reads an empty body
 * as `{}`, as MLflow's server does (a POST to `experiments/search` without a body is a search with
 * defaults). Anything else goes through Fastify's own parser, with its guards against
 * `__proto__` and `constructor` poisoning.
 *
 * @example
 * installJsonBodyParser(app);
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, {});
      return;
    }
    parseJson(request, text, done);
  });
}
