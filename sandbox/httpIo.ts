/** Reading request bodies with a size cap, and writing replies, on plain node:http. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { problem, problemTypes, type ProblemError } from './problems';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export const jsonReply = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

export const problemReply = (error: ProblemError): Reply => ({
  status: error.status,
  headers: { 'content-type': 'application/problem+json', ...error.headers },
  body: JSON.stringify(error.problem),
});

export function sendReply(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}

/**
 * Throws a 413 problem as soon as the body is known to exceed `maxBytes`, without buffering the rest.
 * `body` is the request's body stream, or a stand-in that injected faults cut short.
 */
export async function readBody(req: IncomingMessage, maxBytes: number, body: AsyncIterable<Buffer> = req): Promise<Buffer> {
  const tooLarge = () =>
    problem(413, problemTypes.payloadTooLarge, 'Request body too large', `limit is ${maxBytes} bytes`, {
      // The unread rest of the body makes the connection unusable for another request.
      connection: 'close',
    });
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw problem(400, problemTypes.malformedRequest, 'Body is not valid JSON', (error as Error).message);
  }
}
