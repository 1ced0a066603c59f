/**
 * The gateway as a bad network or a broken server shows it: a loopback proxy in front of the real sandbox that
 * forwards every request, except the next one on a path a case has armed, which it answers the case's way. It also
 * relays the test CA's revocation list itself, so a case can make it revoked, out of date or missing.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { paths } from '../../shared/gateway/gatewayProtocol';
import type { TestPki } from '../../sandbox/pki/testPki';

export type Responder = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;
export type CrlMode = 'fresh' | 'stale' | 'none';

export interface HostileGateway {
  url: string;
  /** The next `times` requests whose path matches get this answer instead of the sandbox's. */
  answerNext(path: RegExp, responder: Responder, times?: number): void;
  /** Drops answers no request came for, and says how many there were (a case whose request never came is broken). */
  disarm(): number;
  setCrl(mode: CrlMode): void;
  revoke(serialHex: string): void;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;
/** Headers that describe one hop, not the message: fetch sets its own. */
const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding']);

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startHostileGateway(options: { target: string; pki: TestPki; crl: CrlMode }): Promise<HostileGateway> {
  const armed: { path: RegExp; responder: Responder }[] = [];
  const revoked: string[] = [];
  let crlMode = options.crl;
  // Issued once, a day past its nextUpdate: re-fetching it never makes it current.
  const staleCrl = options.pki.issueCrl({ revokedSerials: [], thisUpdate: new Date(Date.now() - 3 * DAY_MS), nextUpdate: new Date(Date.now() - DAY_MS) }).der;

  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await bodyOf(request);
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !HOP_HEADERS.has(name)).map(([name, value]) => [name, String(value)]));
    const method = request.method ?? 'GET';
    const answer = await fetch(new URL(request.url ?? '/', options.target), { method, headers, ...(['GET', 'HEAD'].includes(method) ? {} : { body: new Uint8Array(body) }), redirect: 'manual' });
    const bytes = Buffer.from(await answer.arrayBuffer());
    const answerHeaders: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name)) answerHeaders[name] = value;
    });
    response.writeHead(answer.status, { ...answerHeaders, ...(method === 'HEAD' ? {} : { 'content-length': String(bytes.length) }) }).end(method === 'HEAD' ? undefined : bytes);
  };

  const relayCrl = (response: ServerResponse) => {
    if (crlMode === 'none') {
      response.writeHead(503, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title: 'CRL distribution point unavailable', status: 503 }));
      return;
    }
    const now = Date.now();
    const der = crlMode === 'stale' ? staleCrl : options.pki.issueCrl({ revokedSerials: revoked, thisUpdate: new Date(now), nextUpdate: new Date(now + DAY_MS) }).der;
    response.writeHead(200, { 'content-type': 'application/pkix-crl', 'content-length': String(der.byteLength) }).end(Buffer.from(der));
  };

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://gateway');
    const index = armed.findIndex((candidate) => candidate.path.test(pathname));
    const handled = (async () => {
      const [entry] = index >= 0 ? armed.splice(index, 1) : [];
      if (entry) {
        await bodyOf(request);
        await entry.responder(request, response);
      } else if (pathname === paths.crl) relayCrl(response);
      // The CA's own publication point (OCSP, distribution points) is out of reach: the CRL relayed here is all there is.
      else if (pathname.startsWith('/pki/')) response.writeHead(503).end();
      else await forward(request, response);
    })();
    handled.catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answerNext: (path, responder, times = 1) => {
      for (let count = 0; count < times; count++) armed.push({ path, responder });
    },
    disarm: () => armed.splice(0).length,
    setCrl: (mode) => void (crlMode = mode),
    revoke: (serialHex) => void revoked.push(serialHex.toLowerCase()),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
