/**
 * Loopback HTTP server for the signing prompt (see signingPromptPage.ts for why it has its own origin).
 * The ticket in the path is the only capability; the page may only be framed by the application's origin.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { HostError } from '../../../shared/host/hostError';
import { isLanguage } from '../../../shared/i18n/messages';
import { renderSigningPromptPage } from './signingPromptPage';
import type { SigningSessions } from './signingSessions';

const MAX_BODY_BYTES = 4096;

export interface SigningPromptServer {
  origin: string;
  urlFor(ticket: string, language: string): string;
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HostError('bridge.badRequest');
    chunks.push(chunk as Buffer);
  }
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  if (typeof parsed !== 'object' || parsed === null) throw new HostError('bridge.badRequest');
  return parsed as Record<string, unknown>;
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

export async function startSigningPromptServer(options: { sessions: SigningSessions; appOrigin: () => string }): Promise<SigningPromptServer> {
  let origin = '';
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const match = /^\/sign\/([A-Za-z0-9_-]+)(\/cancel)?$/.exec(url.pathname);
    if (request.headers.host !== new URL(origin).host || !match) {
      sendJson(response, 404, { error: 'bridge.unknownMethod' });
      return;
    }
    const ticket = match[1] ?? '';
    try {
      if (request.method === 'GET' && !match[2]) {
        const { keyId } = options.sessions.describe(ticket);
        const nonce = randomBytes(16).toString('base64');
        const language = url.searchParams.get('lang');
        response.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors ${options.appOrigin()}`,
          'x-content-type-options': 'nosniff',
        });
        response.end(renderSigningPromptPage({ ticket, keyId, language: isLanguage(language) ? language : 'kk', appOrigin: options.appOrigin(), nonce }));
        return;
      }
      // Only the prompt page itself may post a password: a request from any other origin is refused.
      if (request.method !== 'POST' || request.headers.origin !== origin) {
        sendJson(response, 403, { error: 'bridge.unauthorized' });
        return;
      }
      if (match[2]) {
        options.sessions.cancel(ticket);
        sendJson(response, 200, { state: 'cancelled' });
        return;
      }
      const body = await readJson(request);
      // Empty is allowed: NCALayer keys have no password here (NCALayer asks for it); a file key then fails its MAC check.
      if (typeof body.password !== 'string') throw new HostError('keys.wrongPassword');
      await options.sessions.submitPassword(ticket, body.password);
      sendJson(response, 200, { state: 'signed' });
    } catch (error) {
      const code = error instanceof HostError ? error.code : 'bridge.internal';
      sendJson(response, code === 'signing.unknownTicket' ? 410 : 400, { error: code });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    urlFor: (ticket, language) => `${origin}/sign/${ticket}?lang=${encodeURIComponent(language)}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Browsers hold keep-alive connections open; close would otherwise wait for them.
        server.closeAllConnections();
      }),
  };
}
