import { createServer, type IncomingMessage, type Server } from 'node:http';

/** What the receiver does with a request: answer a status, or never answer. */
export type ReceiverBehaviour = number | 'hang';

/** A webhook receiver on 127.0.0.1 that records each request and answers as told. */
export interface WebhookReceiver {
  readonly url: string;
  /** Each request received: its path with query, headers and parsed JSON body. */
  readonly received: { path: string; headers: IncomingMessage['headers']; body: unknown }[];
  /** The answers to give, in order; once used up, `fallback` (200 unless set). */
  answer(...behaviours: ReceiverBehaviour[]): void;
  fallback: ReceiverBehaviour;
  close(): Promise<void>;
}

/**
 * Starts a real HTTP server standing for a Grafana, Slack or PagerDuty webhook, so that delivery is
 * tested over the network rather than through a mock of fetch.
 *
 * @example
 * const receiver = await startWebhookReceiver();
 * receiver.answer(500, 200);
 */
export async function startWebhookReceiver(path = '/hooks/amlops'): Promise<WebhookReceiver> {
  const queue: ReceiverBehaviour[] = [];
  const hanging = new Set<import('node:http').ServerResponse>();
  const receiver = {
    url: '',
    received: [] as WebhookReceiver['received'],
    fallback: 200 as ReceiverBehaviour,
    answer: (...behaviours: ReceiverBehaviour[]) => void queue.push(...behaviours),
    close: async () => {},
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      receiver.received.push({ path: request.url ?? '', headers: request.headers, body });
      const behaviour = queue.shift() ?? receiver.fallback;
      if (behaviour === 'hang') {
        hanging.add(response);
        return;
      }
      response.writeHead(behaviour, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  receiver.url = `http://127.0.0.1:${port}${path}`;
  receiver.close = async () => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}
