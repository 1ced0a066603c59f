/**
 * The sandbox e-licensing gateway over plain node:http: routing, fault injection, lifecycle.
 * Protocol: ../shared/gateway/gatewayProtocol.ts. Submission rules live in submissionService.ts.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { crlToPem } from './crl/crlPem';
import { FaultInjector, sandboxFaultsSchema, type InjectedFault, type SandboxFaults } from './faults';
import { jsonReply, parseJsonBody, problemReply, readBody, sendReply, type Reply } from './httpIo';
import { problem, problemTypes, ProblemError } from './problems';
import { RegistrationNumbers } from './registrationNumbers';
import { parseSubmissionId, SubmissionService, type AttachmentSignatureVerifier, type SignatureVerifier } from './submissionService';
import { SubmissionStore } from './submissionStore';
import { isUpdatesRequest, serveUpdateFile } from './updates/updateFilesRoute';

export type { SandboxFaults } from './faults';
export type { SignatureVerdict, SignatureVerifier } from './submissionService';

export interface SandboxOptions {
  dataDir: string;
  /** 0 = a random free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  verifySignature?: SignatureVerifier;
  verifyAttachmentSignature?: AttachmentSignatureVerifier;
  now?: () => Date;
  /** Default 50 MiB. */
  maxBodyBytes?: number;
  /** The test CA's current CRL (DER), served at GET /v0/crl; without it the route does not exist. */
  crl?: () => Uint8Array;
  /** An RFC 3161 time-stamping authority, served at POST /v0/tsa; without it the route does not exist. */
  tsa?: { respond(timeStampReqDer: Uint8Array): Promise<Uint8Array> };
  /** A folder served at GET /updates/<file> as an electron-updater generic feed; without it the route does not exist. */
  updatesDir?: string;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
  setFaults(faults: SandboxFaults): void;
}

const DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024;
const MAX_ADMIN_BODY_BYTES = 64 * 1024;
const SUBMISSION_ROUTE = /^\/v0\/submissions\/([^/]+)$/;

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const store = await SubmissionStore.open(options.dataDir);
  const service = new SubmissionService({
    store,
    registrationNumbers: await RegistrationNumbers.open(options.dataDir),
    verifySignature: options.verifySignature,
    verifyAttachmentSignature: options.verifyAttachmentSignature,
    now: options.now ?? (() => new Date()),
  });
  const faults = new FaultInjector();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Aborts injected delays on close, so close() does not wait them out.
  const closing = new AbortController();
  const pending = new Set<Promise<void>>();

  const route = async (req: IncomingMessage): Promise<Reply> => {
    const { pathname } = new URL(req.url ?? '/', 'http://sandbox');
    if (pathname === '/health') {
      allowMethods(req, ['GET']);
      return jsonReply(200, JSON.stringify({ status: 'ok', service: 'qabyl-sandbox' }));
    }
    if (pathname === '/_sandbox/faults') {
      allowMethods(req, ['POST']);
      requireLoopback(req);
      const parsed = sandboxFaultsSchema.safeParse(parseJsonBody(await readBody(req, MAX_ADMIN_BODY_BYTES)));
      if (!parsed.success) throw problem(400, problemTypes.malformedRequest, 'Invalid faults', parsed.error.message);
      faults.set(parsed.data);
      return jsonReply(200, JSON.stringify(parsed.data));
    }
    if (pathname === '/v0/crl' && options.crl) {
      allowMethods(req, ['GET']);
      // PEM: replies are text; CRL readers take PEM as well as DER.
      return { status: 200, headers: { 'content-type': 'application/x-pem-file' }, body: crlToPem(options.crl()) };
    }
    if (pathname === '/v0/tsa' && options.tsa) {
      allowMethods(req, ['POST']);
      const answer = await options.tsa.respond(await readBody(req, MAX_ADMIN_BODY_BYTES));
      return { status: 200, headers: { 'content-type': 'application/timestamp-reply' }, body: answer };
    }
    const submission = SUBMISSION_ROUTE.exec(pathname);
    if (submission?.[1] !== undefined) {
      allowMethods(req, ['GET', 'PUT']);
      const submissionId = parseSubmissionId(decodePathSegment(submission[1]));
      if (req.method === 'GET') return service.get(submissionId);
      const body = await readBody(req, maxBodyBytes);
      const fault = faults.take();
      if (fault?.mode === 'delay') {
        return service.put(submissionId, body, () => sleep(fault.delayMs, undefined, { signal: closing.signal }));
      }
      return fault ? faultReply(fault) : service.put(submissionId, body);
    }
    throw problem(404, problemTypes.notFound, 'No such resource', pathname);
  };

  const server = createServer((req, res) => {
    // Streamed binary files, outside the text replies of the gateway routes.
    if (options.updatesDir !== undefined && isUpdatesRequest(req)) return void serveUpdateFile(options.updatesDir, req, res);
    const work = route(req)
      .catch((error: unknown) => problemReply(asProblem(error, closing.signal.aborted)))
      .then((reply) => {
        if (!res.destroyed) sendReply(res, reply);
      })
      .finally(() => pending.delete(work));
    pending.add(work);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const urlHost = address.includes(':') ? `[${address}]` : address;

  let closed: Promise<void> | undefined;
  const close = async () => {
    closing.abort();
    const stopped = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    server.closeAllConnections();
    await stopped;
    // Let handlers that were mid-write finish, so the data dir is consistent once close() resolves.
    await Promise.allSettled(pending);
  };

  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () => (closed ??= close()),
    setFaults: (f) => faults.set(f),
  };
}

function faultReply(fault: Exclude<InjectedFault, { mode: 'delay' }>): Reply {
  switch (fault.mode) {
    case 'garbage':
      // Claims JSON but is not, like a misbehaving proxy: clients must not trust the content type.
      return jsonReply(200, '<html><body>502 Bad Gateway</body></html>');
    case 'error503':
      return problemReply(
        problem(503, problemTypes.serviceUnavailable, 'Service temporarily unavailable', 'injected fault', {
          'retry-after': String(fault.retryAfterSeconds),
        }),
      );
  }
}

function allowMethods(req: IncomingMessage, methods: readonly string[]): void {
  if (!methods.includes(req.method ?? '')) {
    throw problem(405, problemTypes.methodNotAllowed, 'Method not allowed', `${req.method} is not allowed here`, {
      allow: methods.join(', '),
    });
  }
}

/** The admin API changes behaviour for everyone, so only processes on this machine may call it. */
function requireLoopback(req: IncomingMessage): void {
  const address = req.socket.remoteAddress ?? '';
  if (address !== '::1' && !/^(::ffff:)?127\./.test(address)) {
    throw problem(403, problemTypes.forbidden, 'Sandbox admin API is loopback-only', address);
  }
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw problem(400, problemTypes.malformedRequest, 'Malformed percent-encoding in path', segment);
  }
}

function asProblem(error: unknown, closing: boolean): ProblemError {
  if (error instanceof ProblemError) return error;
  // Aborted delays during close() are expected; anything else is a sandbox bug worth seeing.
  if (!closing) console.error('qabyl-sandbox: unhandled error', error);
  return problem(500, problemTypes.internal, 'Internal sandbox error', (error as Error)?.message ?? String(error));
}
