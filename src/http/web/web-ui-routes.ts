import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import type { WebUiFiles } from './web-ui-files.js';

/** A year: the assets' names change with their content, so a browser may keep them that long. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The web UI at `/`: `GET /` answers the page (never cached, so a new build is seen at once) and
 * `GET /assets/:file` its script and styles, named by their content's hash and cached for a year.
 * Without a build (`files` undefined) `/` says how to make one. The page reads everything else
 * from `/api/v1` and MLflow's API with the user's key.
 *
 * @example
 * registerWebUiRoutes(app, readWebUiFiles(DEFAULT_WEB_ROOT));
 */
export function registerWebUiRoutes(app: FastifyInstance, files: WebUiFiles | undefined): void {
  app.get('/', async (_request, reply) => {
    if (!files)
      throw new AmlopsError(
        'WEB_UI_NOT_BUILT',
        'the web UI is not built: run npm run build (npm install does it) and restart',
      );
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(files.index);
  });
  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const file = files?.assets.get(request.params.file);
    if (!file) throw new AmlopsError('NOT_FOUND', `no web UI file ${request.params.file}`);
    return reply.header('content-type', file.type).header('cache-control', IMMUTABLE).send(file.bytes);
  });
}
