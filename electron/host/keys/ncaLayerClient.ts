/**
 * Client for NCALayer's `kz.gov.pki.knca.basics` `sign` over its loopback WebSocket (eds.md §1).
 * NCALayer shows its own key and password dialog, so this module never sees a key or a password.
 * It answers with a result, never throws: the caller decides what each failure means to the operator.
 */
import { z } from 'zod';
import WebSocket from 'ws';

export const NCALAYER_URL = 'wss://127.0.0.1:13579';

/** File keys, tokens and ID cards (eds.md §1); JKS is left out: NCA never issues operator keys in it. */
export const NCALAYER_STORAGES = [
  'PKCS12',
  'AKKaztokenStore',
  'AKKZIDCardStore',
  'AKEToken72KStore',
  'AKEToken5110Store',
  'AKJaCartaStore',
  'AKAKEYStore',
] as const;

/** Extended key usage of NCA signing (not authentication) certificates: emailProtection. */
const EKU_SIGNING = '1.3.6.1.5.5.7.3.4';

/** Codes for the shared host error list. */
export const ncaLayerErrorCodes = ['keys.ncaLayerMissing', 'keys.ncaLayerCancelled', 'keys.ncaLayerWrongType', 'keys.ncaLayerFailed'] as const;
export type NcaLayerErrorCode = (typeof ncaLayerErrorCodes)[number];

export type NcaLayerFailure = { ok: false; code: NcaLayerErrorCode; detail?: string };
/**
 * What NCALayer signed: one signature per data item, in the order sent, and the signer certificate (base64 DER or
 * PEM) when NCALayer sent it beside them (`outputCert`).
 */
export type NcaLayerSigned = { ok: true; signatures: string[]; certificate?: string };
export type NcaLayerAnswer = NcaLayerSigned | NcaLayerFailure;

export interface NcaLayerCallOptions {
  /** Default wss://127.0.0.1:13579. */
  url?: string;
  /** NCALayer offers only this IIN's certificates (our own checks still verify it afterwards). */
  expectedIin: string;
  /**
   * CA certificates (PEM) NCALayer builds the signer's chain with: the trust profile's anchors. Without them NCALayer
   * enables only keys of the current production NCA, so a test key could not be chosen (eds.md §1 `chain`).
   */
  chainPem: readonly string[];
  locale: 'kk' | 'ru' | 'en';
  /** How long to wait for NCALayer to accept the connection before calling it missing. */
  timeoutMs: number;
  /** How long the operator may spend in NCALayer's dialog. Default 10 minutes. */
  dialogTimeoutMs?: number;
  /** PEM certificate to trust for NCALayer's TLS; without it a loopback URL accepts NCALayer's self-signed one. */
  tlsCa?: string;
  WebSocketImpl?: typeof WebSocket;
}

const DEFAULT_DIALOG_TIMEOUT_MS = 10 * 60_000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Both reply shapes seen in the wild: basics `{status, body.result}` / `{status:false, code}`, and the legacy `{code, message}`. */
const replySchema = z.object({
  status: z.boolean().optional(),
  body: z.object({ result: z.unknown() }).partial().nullish(),
  code: z.union([z.string(), z.number()]).optional(),
  message: z.string().optional(),
  details: z.string().optional(),
  /** The greeting NCALayer pushes on connect: `{result: {version}}`. */
  result: z.object({ version: z.string() }).partial().optional(),
});
type Reply = z.infer<typeof replySchema>;

/** `body.result` of a successful basics `sign`: one signature, one per data item, or (outputCert) both with the certificate. */
const resultSchema = z.union([
  z.string().min(1).transform((signature) => ({ signatures: [signature], certificate: undefined })),
  z.array(z.string().min(1)).transform((signatures) => ({ signatures, certificate: undefined })),
  z.object({
    signatures: z.union([z.string().min(1).transform((signature) => [signature]), z.array(z.string().min(1))]),
    certificate: z.string().min(1).optional(),
  }),
]);

function basicsSign(format: 'xml' | 'cms', data: string | string[], signingParams: object, call: Pick<NcaLayerCallOptions, 'expectedIin' | 'chainPem' | 'locale'>) {
  return {
    module: 'kz.gov.pki.knca.basics',
    method: 'sign',
    args: {
      allowedStorages: [...NCALAYER_STORAGES],
      format,
      data,
      // No tsaProfile: its mere presence makes NCALayer call tsp.pki.gov.kz, and signing must work offline
      // (eds.md §1 and Recommendations §1); the time-stamp is added when online, before submission.
      signingParams,
      // An empty chain would switch NCALayer's path building off (any certificate selectable); no anchors at all
      // leaves NCALayer's own default, production NCA, rather than that.
      signerParams: { extKeyUsageOids: [EKU_SIGNING], iin: call.expectedIin, chain: call.chainPem.length > 0 ? [...call.chainPem] : null },
      locale: call.locale,
    },
  };
}

export const signXmlRequest = (xml: string, call: Pick<NcaLayerCallOptions, 'expectedIin' | 'chainPem' | 'locale'>) =>
  basicsSign('xml', xml, { decode: false, encapsulate: false, digested: false }, call);

/**
 * Detached CMS over digests the caller computed (eds.md §4C `digested`), all in one call and so one dialog. NCALayer
 * signs a digest as the key's own hash: SHA-256 for RSA, Streebog-512 for GOST 2015, GOST 34.11-94 for GOST 2004,
 * so the caller must know the key (from the XML signature) before hashing.
 */
export const signDigestsRequest = (digestsBase64: string[], call: Pick<NcaLayerCallOptions, 'expectedIin' | 'chainPem' | 'locale'>) =>
  basicsSign('cms', digestsBase64, { decode: true, encapsulate: false, digested: true }, call);

function interpret(reply: Reply, items: number): NcaLayerAnswer {
  if (reply.status === true) {
    // NCALayer reports the operator closing its dialog as a success with nothing in it (NCALayerJSExample, sigex client).
    if (reply.body?.result === undefined || reply.body.result === null) return { ok: false, code: 'keys.ncaLayerCancelled' };
    const parsed = resultSchema.safeParse(reply.body.result);
    if (!parsed.success) return { ok: false, code: 'keys.ncaLayerFailed', detail: 'reply without a signature' };
    const { signatures, certificate } = parsed.data;
    if (signatures.length !== items) return { ok: false, code: 'keys.ncaLayerFailed', detail: `${signatures.length} signatures for ${items} documents` };
    return certificate ? { ok: true, signatures, certificate } : { ok: true, signatures };
  }
  const detail = [reply.code, reply.message, reply.details].filter((part) => part !== undefined).join(': ');
  // The user closed NCALayer's dialog (older NCALayer and the commonUtils module, eds.md §1).
  if (detail.includes('action.canceled')) return { ok: false, code: 'keys.ncaLayerCancelled' };
  // NCALayer could not take our arguments: an NCALayer that speaks another version of the API.
  if (detail.includes('argument type mismatch')) return { ok: false, code: 'keys.ncaLayerWrongType', detail };
  return { ok: false, code: 'keys.ncaLayerFailed', detail: detail || 'error without a code' };
}

const isGreeting = (reply: Reply) => reply.status === undefined && reply.code === undefined && reply.result?.version !== undefined;

function tlsOptions(url: string, tlsCa: string | undefined): WebSocket.ClientOptions {
  if (tlsCa) return { ca: tlsCa };
  // NCALayer's certificate is self-signed and in no CA bundle. On loopback TLS proves little anyway (any
  // local program can listen there); what NCALayer returns is trusted only after our own certificate
  // and signature checks. Anywhere else, normal verification applies.
  return LOOPBACK_HOSTS.has(new URL(url).hostname) ? { rejectUnauthorized: false } : {};
}

export async function signXmlWithNcaLayer(options: NcaLayerCallOptions & { xml: string }): Promise<NcaLayerSigned | NcaLayerFailure> {
  return exchange(options, signXmlRequest(options.xml, options), 1);
}

/** One detached CMS per digest, in the same order. */
export async function signDigestsWithNcaLayer(options: NcaLayerCallOptions & { digests: readonly Uint8Array[] }): Promise<NcaLayerAnswer> {
  if (options.digests.length === 0) return { ok: true, signatures: [] };
  const request = signDigestsRequest(options.digests.map((digest) => Buffer.from(digest).toString('base64')), options);
  return exchange(options, request, options.digests.length);
}

/** One request over one connection: open, send, take the first answer that is not the version greeting. */
function exchange(options: NcaLayerCallOptions, request: object, items: number): Promise<NcaLayerAnswer> {
  const url = options.url ?? NCALAYER_URL;
  const WebSocketImpl = options.WebSocketImpl ?? WebSocket;

  return new Promise((resolve) => {
    let opened = false;
    let settled = false;
    let socket: WebSocket;
    const finish = (result: NcaLayerAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.terminate();
      resolve(result);
    };
    // Before the socket opens every failure means "no NCALayer here"; after, NCALayer itself failed.
    const failure = (detail: string): NcaLayerFailure =>
      opened ? { ok: false, code: 'keys.ncaLayerFailed', detail } : { ok: false, code: 'keys.ncaLayerMissing', detail };
    let timer = setTimeout(() => finish(failure('timed out')), options.timeoutMs);

    try {
      socket = new WebSocketImpl(url, tlsOptions(url, options.tlsCa));
    } catch (error) {
      clearTimeout(timer);
      resolve({ ok: false, code: 'keys.ncaLayerMissing', detail: error instanceof Error ? error.message : String(error) });
      return;
    }
    socket.on('open', () => {
      opened = true;
      clearTimeout(timer);
      timer = setTimeout(() => finish(failure('no answer from the signing dialog')), options.dialogTimeoutMs ?? DEFAULT_DIALOG_TIMEOUT_MS);
      socket.send(JSON.stringify(request));
    });
    socket.on('message', (data) => {
      let reply: Reply;
      try {
        reply = replySchema.parse(JSON.parse(String(data)));
      } catch {
        finish(failure('reply is not NCALayer JSON'));
        return;
      }
      // The version greeting may arrive before or after our request goes out; the answer is the next message.
      if (!isGreeting(reply)) finish(interpret(reply, items));
    });
    socket.on('error', (error) => finish(failure(error.message)));
    socket.on('close', (code) => finish(failure(`connection closed (${code})`)));
  });
}
