// The machine's floor for `npm run bench:serve`: a bare Fastify server, as many processes as
// amlops' side (node cluster, 2 workers), that parses the JSON body of `POST /predict` and answers
// a constant prediction. Its p99, measured in the same run, is what amlops' p99 is judged against.
import cluster from 'node:cluster';
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 18082);
const workers = Number(process.env.WORKERS ?? 2);

if (cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const app = Fastify({ bodyLimit: 10 * 1024 * 1024 });
  app.post('/predict', async (request) => {
    const rows = Object.values(request.body as Record<string, unknown[]>)[0]?.length ?? 0;
    return { predictions: new Array(rows).fill(0.5) };
  });
  await app.listen({ host: '127.0.0.1', port });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}
