/**
 * The sandbox e-licensing gateway over plain node:http: routing, auth, fault injection, lifecycle.
 * Protocol: ../shared/gateway/gatewayProtocol.ts (v1). Submission rules live in submissionService.ts, tus in
 * uploads/tusServer.ts, the registries in registries/, processing in processing/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { paths, PROTOCOL_PREFIX, TUS_VERSION } from '../shared/gateway/gatewayProtocol';
import { routeClassOf } from '../shared/gateway/routeClasses';
import { TRAINING_GATEWAY_CLIENT } from '../shared/training/trainingGatewayClient';
import { DEFAULT_TOKEN_TTL_SECONDS, TokenIssuer, type GatewayClients } from './auth';
import { AUDIT_WITNESS_HEADER } from '../shared/audit/auditWitness';
import { AuditWitnesses } from './auditWitnesses';
import { BlobStore } from './blobStore';
import { crlToPem } from './crl/crlPem';
import { DEFAULT_RETRY_AFTER_SECONDS, FaultInjector, sandboxFaultsSchema, type FaultRule, type SandboxFaults } from './faults';
import { jsonReply, parseJsonBody, problemReply, readBody, sendReply, type Reply } from './httpIo';
import { createEphemeralResultSigner, type ResultSigner } from './processing/resultDocument';
import { problem, problemTypes, ProblemError } from './problems';
import { individualByIin, legalEntityByBin, paymentByReference, powerOfAttorneyByNumber } from './registries/syntheticRegistries';
import { RegistrationNumbers } from './registrationNumbers';
import { parseSubmissionId, SubmissionService, type AttachmentSignatureVerifier, type SignatureVerifier } from './submissionService';
import { SubmissionStore } from './submissionStore';
import { TusServer } from './uploads/tusServer';
import { UploadStore } from './uploads/uploadStore';
import { isUpdatesRequest, serveUpdateFile } from './updates/updateFilesRoute';

export type { SandboxFaults } from './faults';
export type { SignatureVerdict, SignatureVerifier } from './submissionService';

export interface SandboxOptions {
  dataDir: string;
  /** 0 = a random free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Gateway clients (id → secret) that may get a token. Default: the training client only. */
  clients?: GatewayClients;
  /** Lifetime of issued bearer tokens. Default 900. */
  tokenTtlSeconds?: number;
  verifySignature?: SignatureVerifier;
  verifyAttachmentSignature?: AttachmentSignatureVerifier;
  /** Signs result documents; default: a throw-away test PKI made on first use (chains to no pinned root). */
  resultSigner?: ResultSigner;
  /** Real seconds per working day on the processing clock. Default 20. */
  workingDaySeconds?: number;
  now?: () => Date;
  /** Largest commit (JSON) body: signed XML and CMS, no file bytes. Default 4 MiB. */
  maxBodyBytes?: number;
  /** Largest upload (Tus-Max-Size). Default 50 MiB. */
  maxUploadBytes?: number;
  /** How long an unfinished upload may take. Default 24 h. */
  uploadExpirySeconds?: number;
  /** The test CA's current CRL (DER), served at GET /v1/crl; without it the route does not exist. */
  crl?: () => Uint8Array;
  /**
   * The test CA's publication point, as NCA's test.pki.gov.kz: GET /pki/crl/<file> and /pki/cert/<file>, POST /pki/ocsp/.
   * Open routes, as a CA's are; without it they do not exist.
   */
  pki?: SandboxPkiPublication;
  /** An RFC 3161 time-stamping authority, served at POST /v1/tsa; without it the route does not exist. */
  tsa?: { respond(timeStampReqDer: Uint8Array): Promise<Uint8Array> };
  /** A folder served at GET /updates/<file> as an electron-updater generic feed; without it the route does not exist. */
  updatesDir?: string;
}

export interface SandboxPkiPublication {
  /** A published file by its path under /pki (e.g. "crl/x.crl"), DER, or null when there is none. */
  file(path: string): { contentType: string; body: Uint8Array } | null;
  /** An OCSP response (RFC 6960) to a DER OCSPRequest. */
  ocsp(requestDer: Uint8Array): Promise<Uint8Array>;
}

export interface SandboxStats {
  /** Every tus PATCH body byte received, including re-sent and discarded ones. */
  uploadBytesReceived: number;
  /** Upload id → PATCH body bytes received, since this sandbox started. */
  uploadBytesReceivedByUpload: Record<string, number>;
  uploadBytesDiscarded: number;
  uploadsCreated: number;
  uploadsCompleted: number;
  blobs: number;
  submissions: number;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
  setFaults(faults: SandboxFaults): void;
  stats(): Promise<SandboxStats>;
}

export const DEFAULT_WORKING_DAY_SECONDS = 20;
const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const DEFAULT_UPLOAD_EXPIRY_SECONDS = 24 * 60 * 60;
const MAX_SMALL_BODY_BYTES = 64 * 1024;

interface Context {
  req: IncomingMessage;
  /** The request body: the request itself, or a stand-in an injected fault cuts short. */
  body: AsyncIterable<Buffer>;
  /** Injected delay; the commit route takes it while the id is in flight, the others before they start. */
  pause: () => Promise<void>;
  params: string[];
  /** The gateway client the bearer token was issued to ('' on open routes). */
  clientId: string;
}
type Handler = (ctx: Context) => Promise<Reply> | Reply;
interface Route {
  pattern: RegExp;
  /** Bearer token needed (every /v1 route except the token route). */
  auth: boolean;
  methods: Partial<Record<string, Handler>>;
}

const P = PROTOCOL_PREFIX;

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const now = options.now ?? (() => new Date());
  const store = await SubmissionStore.open(options.dataDir);
  const blobs = await BlobStore.open(options.dataDir);
  const witnesses = await AuditWitnesses.open(options.dataDir);
  let signer: Promise<ResultSigner> | undefined;
  const service = new SubmissionService({
    store,
    blobs,
    registrationNumbers: await RegistrationNumbers.open(options.dataDir),
    verifySignature: options.verifySignature,
    verifyAttachmentSignature: options.verifyAttachmentSignature,
    resultSigner: () => (signer ??= options.resultSigner ? Promise.resolve(options.resultSigner) : createEphemeralResultSigner()),
    now,
    workingDayMs: (options.workingDaySeconds ?? DEFAULT_WORKING_DAY_SECONDS) * 1000,
  });
  const tus = new TusServer({
    store: await UploadStore.open(options.dataDir),
    blobs,
    now,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    expirySeconds: options.uploadExpirySeconds ?? DEFAULT_UPLOAD_EXPIRY_SECONDS,
  });
  const tokens = new TokenIssuer(
    options.clients ?? { [TRAINING_GATEWAY_CLIENT.clientId]: TRAINING_GATEWAY_CLIENT.clientSecret },
    options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    now,
  );
  const faults = new FaultInjector();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Aborts injected delays on close, so close() does not wait them out.
  const closing = new AbortController();
  const pending = new Set<Promise<void>>();

  const stats = async (): Promise<SandboxStats> => ({
    uploadBytesReceived: tus.stats.bytesReceived,
    uploadBytesReceivedByUpload: Object.fromEntries(tus.stats.bytesReceivedByUpload),
    uploadBytesDiscarded: tus.stats.bytesDiscarded,
    uploadsCreated: tus.stats.created,
    uploadsCompleted: tus.stats.completed,
    blobs: await blobs.count(),
    submissions: await store.count(),
  });

  const json = (value: unknown) => jsonReply(200, JSON.stringify(value));
  const found = <T>(value: T | undefined, what: string, key: string) => {
    if (value === undefined) throw problem(404, problemTypes.notFound, `No such ${what}`, key);
    return json(value);
  };
  const twelveDigits = (value: string, what: string) => {
    if (!/^\d{12}$/.test(value)) throw problem(400, problemTypes.malformedRequest, `${what} must be 12 digits`, value);
    return value;
  };
  const { crl, tsa, pki } = options;

  const routes: Route[] = [
    { pattern: /^\/health$/, auth: false, methods: { GET: () => json({ status: 'ok', service: 'qabyl-sandbox' }) } },
    // What the QR code on the applicant's receipt opens; public, as the national system's status check is.
    { pattern: /^\/status\/([^/]+)$/, auth: false, methods: { GET: ({ params }) => service.statusPage(parseSubmissionId(params[0]!)) } },
    {
      pattern: /^\/_sandbox\/faults$/,
      auth: false,
      methods: {
        POST: async ({ req, body }) => {
          requireLoopback(req);
          const parsed = sandboxFaultsSchema.safeParse(parseJsonBody(await readBody(req, MAX_SMALL_BODY_BYTES, body)));
          if (!parsed.success) throw problem(400, problemTypes.malformedRequest, 'Invalid faults', parsed.error.message);
          faults.set(parsed.data);
          return json(parsed.data);
        },
      },
    },
    { pattern: /^\/_sandbox\/stats$/, auth: false, methods: { GET: async ({ req }) => (requireLoopback(req), json(await stats())) } },
    {
      pattern: new RegExp(`^${P}/oauth/token$`),
      auth: false,
      methods: { POST: async ({ req, body }) => tokens.issue(req, new URLSearchParams((await readBody(req, MAX_SMALL_BODY_BYTES, body)).toString('utf8'))) },
    },
    {
      pattern: new RegExp(`^${P}/uploads$`),
      auth: true,
      methods: { OPTIONS: () => tus.capabilities(), POST: ({ req, body, pause }) => pause().then(() => tus.create(req, body)) },
    },
    {
      pattern: new RegExp(`^${P}/uploads/([^/]+)$`),
      auth: true,
      methods: {
        HEAD: ({ params, pause }) => pause().then(() => tus.head(params[0]!)),
        PATCH: ({ req, body, params, pause }) => pause().then(() => tus.patch(req, params[0]!, body)),
        DELETE: ({ params, pause }) => pause().then(() => tus.terminate(params[0]!)),
      },
    },
    {
      pattern: new RegExp(`^${P}/blobs/([^/]+)$`),
      auth: true,
      methods: {
        HEAD: async ({ params }): Promise<Reply> => {
          const sha256 = params[0]!;
          const size = /^[0-9a-f]{64}$/.test(sha256) ? await blobs.size(sha256) : undefined;
          if (size === undefined) return { status: 404, headers: {}, body: '' };
          return { status: 200, headers: { 'upload-length': String(size) }, body: '' };
        },
      },
    },
    {
      pattern: new RegExp(`^${P}/submissions/([^/]+)$`),
      auth: true,
      methods: {
        PUT: async ({ req, body, params, pause, clientId }) => {
          await witnesses.offer(clientId, req.headers[AUDIT_WITNESS_HEADER] as string | undefined);
          return service.commit(parseSubmissionId(params[0]!), await readBody(req, maxBodyBytes, body), pause);
        },
        GET: ({ params, pause }) => pause().then(() => service.status(parseSubmissionId(params[0]!))),
      },
    },
    {
      pattern: new RegExp(`^${P}/submissions/([^/]+)/result$`),
      auth: true,
      methods: { GET: ({ params, pause }) => pause().then(() => service.result(parseSubmissionId(params[0]!))) },
    },
    { pattern: new RegExp(`^${P}/audit-witness$`), auth: true, methods: { GET: ({ clientId }) => found(witnesses.latest(clientId), 'audit witness', clientId) } },
    { pattern: new RegExp(`^${P}/registries/individuals/([^/]+)$`), auth: true, methods: { GET: ({ params: [iin = ''] }) => found(individualByIin(twelveDigits(iin, 'IIN')), 'individual', iin) } },
    { pattern: new RegExp(`^${P}/registries/legal-entities/([^/]+)$`), auth: true, methods: { GET: ({ params: [bin = ''] }) => found(legalEntityByBin(twelveDigits(bin, 'BIN')), 'legal entity', bin) } },
    { pattern: new RegExp(`^${P}/notary/powers-of-attorney/([^/]+)$`), auth: true, methods: { GET: ({ params: [number = ''] }) => found(powerOfAttorneyByNumber(number), 'power of attorney', number) } },
    { pattern: new RegExp(`^${P}/payments/([^/]+)$`), auth: true, methods: { GET: ({ params: [reference = ''] }) => found(paymentByReference(reference), 'payment', reference) } },
    ...(crl
      ? // PEM: replies are text; CRL readers take PEM as well as DER.
        [{ pattern: new RegExp(`^${P}/crl$`), auth: true, methods: { GET: () => ({ status: 200, headers: { 'content-type': 'application/x-pem-file' }, body: crlToPem(crl()) }) } }]
      : []),
    ...(pki
      ? [
          {
            pattern: /^\/pki\/((?:crl|cert)\/[\w.-]+)$/,
            auth: false,
            methods: {
              GET: ({ params }: Context): Reply => {
                const published = pki.file(params[0]!);
                if (!published) throw problem(404, problemTypes.notFound, 'No such file', params[0]!);
                return { status: 200, headers: { 'content-type': published.contentType }, body: published.body };
              },
            },
          },
          {
            pattern: /^\/pki\/ocsp\/?$/,
            auth: false,
            methods: {
              POST: async ({ req, body }: Context): Promise<Reply> => ({
                status: 200,
                headers: { 'content-type': 'application/ocsp-response' },
                body: await pki.ocsp(await readBody(req, MAX_SMALL_BODY_BYTES, body)),
              }),
            },
          },
        ]
      : []),
    ...(tsa
      ? [
          {
            pattern: new RegExp(`^${P}/tsa$`),
            auth: true,
            methods: {
              POST: async ({ req, body }: Context) => ({ status: 200, headers: { 'content-type': 'application/timestamp-reply' }, body: await tsa.respond(await readBody(req, MAX_SMALL_BODY_BYTES, body)) }),
            },
          },
        ]
      : []),
  ];

  const route = async (req: IncomingMessage, pathname: string, body: AsyncIterable<Buffer>, pause: () => Promise<void>): Promise<Reply> => {
    for (const candidate of routes) {
      const match = candidate.pattern.exec(pathname);
      if (!match) continue;
      const handler = candidate.methods[req.method ?? ''];
      if (!handler) {
        throw problem(405, problemTypes.methodNotAllowed, 'Method not allowed', `${req.method} is not allowed here`, { allow: Object.keys(candidate.methods).join(', ') });
      }
      const clientId = candidate.auth ? tokens.check(req) : '';
      if (pathname.startsWith(paths.uploads) && req.method !== 'OPTIONS') requireTusVersion(req);
      return handler({ req, body, pause, clientId, params: match.slice(1).map(decodePathSegment) });
    }
    throw problem(404, problemTypes.notFound, 'No such resource', pathname);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname } = new URL(req.url ?? '/', 'http://sandbox');
    // The admin API is never faulted, so a test can always clear its faults.
    const fault = pathname.startsWith('/_sandbox/') ? undefined : faults.take(routeClassOf(req.method ?? 'GET', pathname), hasBody(req));
    const early = fault && earlyReply(fault);
    if (early) return void sendReply(res, early);
    // Taken now: req.socket is detached (null) once the request is destroyed, whatever the types say.
    const socket = req.socket;
    const cut = () => void socket.destroy();
    if (fault?.mode === 'drop') return cut();

    const body = fault?.mode === 'resetRequest' ? cutAfter(req, fault.afterBytes ?? Math.floor(Number(req.headers['content-length'] ?? 0) / 2)) : req;
    const pause = fault?.mode === 'delay' ? () => sleep(fault.delayMs, undefined, { signal: closing.signal }) : () => Promise.resolve();
    const reply = await route(req, pathname, body, pause).catch((error: unknown) => problemReply(asProblem(error, closing.signal.aborted || socket.destroyed || fault?.mode === 'resetRequest')));
    if (fault?.mode === 'resetRequest' || res.destroyed) return cut();
    if (fault?.mode === 'resetResponse') return sendCut(res, reply, fault.afterBytes);
    if (fault?.mode === 'truncatedJson') {
      const bytes = Buffer.from(reply.body);
      return void sendReply(res, { ...reply, body: bytes.subarray(0, Math.floor(bytes.length / 2)) });
    }
    sendReply(res, reply);
  };

  const server = createServer((req, res) => {
    // Streamed binary files, outside the text replies of the gateway routes.
    if (options.updatesDir !== undefined && isUpdatesRequest(req)) return void serveUpdateFile(options.updatesDir, req, res);
    const work = handle(req, res)
      .catch((error: unknown) => {
        if (!closing.signal.aborted) console.error('qabyl-sandbox: unhandled error', error);
        res.destroy();
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
    stats,
  };
}

const CAPTIVE_PORTAL_PAGE =
  '<!doctype html><html><head><title>Wi-Fi login</title></head><body><h1>Welcome</h1><form method="post" action="/login"><input name="voucher"><button>Connect</button></form></body></html>';

/** The faults answered without running the route (nothing is stored). */
function earlyReply(fault: FaultRule): Reply | undefined {
  switch (fault.mode) {
    case 'serverError':
      return problemReply(
        problem(fault.status, problemTypes.serviceUnavailable, 'Service temporarily unavailable', 'injected fault', fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) }),
      );
    case 'rateLimit':
      return problemReply(problem(429, problemTypes.rateLimited, 'Too many requests', 'injected fault', { 'retry-after': String(fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS) }));
    case 'captivePortal':
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: CAPTIVE_PORTAL_PAGE };
    case 'malformedJson':
      // Claims JSON but is not, like a misbehaving proxy: clients must not trust the content type.
      return jsonReply(200, '{"status": ok, "registrationNumber": }');
    default:
      return undefined;
  }
}

/** Headers with the full Content-Length, then part of the body, then the connection closes. */
function sendCut(res: ServerResponse, reply: Reply, afterBytes: number | undefined): void {
  const bytes = Buffer.from(reply.body);
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(bytes.length) });
  res.write(bytes.subarray(0, afterBytes ?? Math.floor(bytes.length / 2)), () => res.destroy());
}

const hasBody = (req: IncomingMessage) => Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

/** Passes `limit` bytes of the body, then fails as a dropped connection would. */
async function* cutAfter(source: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  let passed = 0;
  for await (const chunk of source) {
    const room = limit - passed;
    if (chunk.length >= room) {
      if (room > 0) yield chunk.subarray(0, room);
      break;
    }
    passed += chunk.length;
    yield chunk;
  }
  throw new Error('injected fault: connection reset mid-body');
}

/** tus 1.0.0 §Tus-Resumable: a request of another protocol version is refused with 412 and the versions we speak. */
function requireTusVersion(req: IncomingMessage): void {
  if (req.headers['tus-resumable'] !== TUS_VERSION) {
    throw problem(412, problemTypes.malformedRequest, 'Tus-Resumable 1.0.0 required', `got ${req.headers['tus-resumable'] ?? 'none'}`, { 'tus-version': TUS_VERSION, 'tus-resumable': TUS_VERSION });
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

function asProblem(error: unknown, expected: boolean): ProblemError {
  if (error instanceof ProblemError) return error;
  // Aborted delays during close() and cut connections are expected; anything else is a sandbox bug worth seeing.
  if (!expected) console.error('qabyl-sandbox: unhandled error', error);
  return problem(500, problemTypes.internal, 'Internal sandbox error', (error as Error)?.message ?? String(error));
}
