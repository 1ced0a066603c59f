/**
 * Browser mode: the renderer's static files and the host API on one loopback origin. Every API call must
 * carry the per-run token; Host and Origin are checked so another site or a DNS-rebound name cannot call in.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { HostHandlers, HostReply } from '../../shared/host/hostApi';
import { dispatchHostCall } from '../host/dispatchHostCall';
import { resolveInside } from '../host/storage/pathInside';
import { contentSecurityPolicy } from '../../shared/host/contentSecurityPolicy';

const MAX_BODY_BYTES = 40 * 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface BridgeServer {
  origin: string;
  /** The address to open: the token rides in the fragment, which browsers never send to a server. */
  launchUrl: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  handlers: HostHandlers;
  staticDir: string;
  /** Default: a fresh random token for this run. A fixed one only where a test must know it. */
  token?: string;
  promptOrigin: string;
  port?: number;
}

function send(response: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', ...extra });
  response.end(body);
}

const sendReply = (response: ServerResponse, status: number, reply: HostReply) => send(response, status, JSON.stringify(reply), 'application/json; charset=utf-8');

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Compares digests in constant time, so neither the token's characters nor its length leak through timing. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  return presented !== '' && timingSafeEqual(digest(presented), digest(token));
}

export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  let origin = '';
  const token = options.token ?? randomBytes(32).toString('base64url');
  const policy = contentSecurityPolicy(options.promptOrigin);

  async function serveStatic(pathname: string, response: ServerResponse) {
    const file = resolveInside(options.staticDir, pathname);
    if (!file) {
      send(response, 404, 'not found', 'text/plain');
      return;
    }
    const content = await readFile(file).catch(() => null);
    // Unknown paths get the app shell, so a reload on any screen still opens the app.
    const body = content ?? (await readFile(join(options.staticDir, 'index.html')));
    const type = content ? (CONTENT_TYPES[extname(file)] ?? 'application/octet-stream') : CONTENT_TYPES['.html']!;
    send(response, 200, body, type, { 'content-security-policy': policy });
  }

  const server = createServer(async (request, response) => {
    try {
      if (request.headers.host !== new URL(origin).host) {
        send(response, 421, 'misdirected', 'text/plain');
        return;
      }
      const url = new URL(request.url ?? '/', origin);
      if (!url.pathname.startsWith('/api/')) {
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          send(response, 405, 'method not allowed', 'text/plain');
          return;
        }
        await serveStatic(url.pathname, response);
        return;
      }
      if (request.method !== 'POST' || (request.headers.origin !== undefined && request.headers.origin !== origin)) {
        sendReply(response, 403, { ok: false, error: { code: 'bridge.unauthorized' } });
        return;
      }
      if (!tokenMatches(request.headers.authorization, token)) {
        sendReply(response, 401, { ok: false, error: { code: 'bridge.unauthorized' } });
        return;
      }
      const text = await readBody(request);
      if (text === null) {
        sendReply(response, 413, { ok: false, error: { code: 'documents.tooLarge' } });
        return;
      }
      let args: unknown;
      try {
        args = JSON.parse(text || '{}');
      } catch {
        sendReply(response, 400, { ok: false, error: { code: 'bridge.badRequest' } });
        return;
      }
      sendReply(response, 200, await dispatchHostCall(options.handlers, url.pathname.slice('/api/'.length), args));
    } catch (error) {
      console.error('bridge request failed', error);
      if (!response.headersSent) sendReply(response, 500, { ok: false, error: { code: 'bridge.internal' } });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    launchUrl: `${origin}/#token=${token}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Browsers hold keep-alive connections open; close would otherwise wait for them.
        server.closeAllConnections();
      }),
  };
}
