/**
 * How the host reaches the gateway (issue 16, item 3). Training talks plain HTTP to its embedded sandbox on
 * loopback. Production only talks HTTPS, trusts nothing but the certificate or CA the administrator pinned (the
 * system's public CAs included: a certificate any CA would sign for the name is not enough), and refuses a server
 * that says it is the sandbox, so a training sandbox (or anything else answering on a port) is never believed
 * with citizens' data. Every request — the token's client secret too — goes out only after those checks.
 */
import { X509Certificate } from 'node:crypto';
import { Agent, request, type AgentOptions } from 'node:https';
import { Readable } from 'node:stream';
import { paths } from '../../../shared/gateway/gatewayProtocol';
import { HostError, type HostErrorCode } from '../../../shared/host/hostError';
import type { GatewayCheck } from '../../../shared/host/hostApi';
import type { Settings } from '../../../shared/settings/settingsSchema';

/** What the sandbox answers /health with (sandbox/server.ts); a real gateway never says it. */
export const SANDBOX_SERVICE = 'qabyl-sandbox';

export type GatewayRefusalCode = Extract<HostErrorCode, `gateway.${string}`>;

/** The host would not send to this gateway: said to the administrator by code, never retried into. */
export class GatewayRefused extends Error {
  override name = 'GatewayRefused';
  constructor(
    readonly code: GatewayRefusalCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

/** `fetch`'s shape, for the gateway's calls; production's goes through the pinned agent. */
export type GatewayFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

export interface GatewayConnection {
  fetch: GatewayFetch;
  /** For tus-js-client's Node HTTP stack (it makes its own requests). */
  agent?: Agent;
}

export interface GatewayAddress {
  url: string;
  /** PEM: the gateway's own certificate or the CA that issued it (one or more blocks). */
  pinnedCertificatePem: string;
}

/** The pinned certificates, each parsed; a paste that is not a certificate is said so, not kept. */
export function pinnedCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new GatewayRefused(pem.trim() ? 'gateway.pinInvalid' : 'gateway.pinMissing', 'no PEM certificate');
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch (error) {
    throw new GatewayRefused('gateway.pinInvalid', error instanceof Error ? error.message : String(error));
  }
}

/** What is wrong with a production address before any connection: no address, not https://, no usable pin. */
export function addressProblem(address: GatewayAddress): GatewayRefused | null {
  if (!address.url) return new GatewayRefused('gateway.notConfigured', 'no gateway address');
  let url: URL;
  try {
    url = new URL(address.url);
  } catch {
    return new GatewayRefused('gateway.insecure', 'not an address');
  }
  if (url.protocol !== 'https:') return new GatewayRefused('gateway.insecure', `${url.protocol} is not https:`);
  try {
    pinnedCertificates(address.pinnedCertificatePem);
  } catch (error) {
    return error as GatewayRefused;
  }
  return null;
}

/** Verification failures that mean "not the pinned certificate, or not for this address". */
const PIN_FAILURES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function asRefusal(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && PIN_FAILURES.has(code) ? new GatewayRefused('gateway.pinMismatch', `${code}: ${(error as Error).message}`) : error;
}

function bodyBytes(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  throw new TypeError('the gateway transport sends strings and bytes only');
}

/** One HTTPS request through `agent`, answered as fetch would (no redirects: the gateway has none to give). */
function requestThrough(agent: Agent, input: string | URL, init: RequestInit = {}): Promise<Response> {
  const url = new URL(String(input));
  if (url.protocol !== 'https:') return Promise.reject(new GatewayRefused('gateway.insecure', `${url.protocol} is not https:`));
  const method = (init.method ?? 'GET').toUpperCase();
  const body = bodyBytes(init.body);
  const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers));
  if (body) headers['content-length'] = String(body.byteLength);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers, agent, ...(init.signal ? { signal: init.signal } : {}) }, (incoming) => {
      const answerHeaders = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) answerHeaders.append(name, one);
      }
      const status = incoming.statusCode ?? 502;
      const bodiless = method === 'HEAD' || [204, 205, 304].includes(status);
      if (bodiless) incoming.resume();
      resolve(new Response(bodiless ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>), { status, statusText: incoming.statusMessage ?? '', headers: answerHeaders }));
    });
    outgoing.on('error', (error) => reject(asRefusal(error)));
    outgoing.end(body);
  });
}

/** Only the pinned certificates are trust anchors; the name or address in the URL must still match the server's certificate. */
function pinnedAgent(pinnedCertificatePem: string): Agent {
  const ca = pinnedCertificates(pinnedCertificatePem).map((certificate) => certificate.toString());
  // allowPartialTrustChain (Node 22.9+, Electron's Node) lets an intermediate or the gateway's own CA-issued
  // certificate be the pin; older Node ignores it and needs the root or a self-signed certificate.
  return new Agent({ ca, rejectUnauthorized: true, keepAlive: true, allowPartialTrustChain: true } as AgentOptions);
}

/** The server's /health through `send`; a server that says it is the sandbox is refused. */
async function identify(baseUrl: string, send: GatewayFetch, timeoutMs: number): Promise<{ reached: true; service?: string }> {
  const response = await send(new URL(paths.health, baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
  const health = (await response.json().catch(() => null)) as { service?: unknown } | null;
  const service = typeof health?.service === 'string' ? health.service : undefined;
  if (service === SANDBOX_SERVICE) throw new GatewayRefused('gateway.sandbox', `${baseUrl} answers as ${SANDBOX_SERVICE}`);
  return { reached: true, ...(service ? { service } : {}) };
}

/**
 * The connection the host's gateway calls use. A production address that is wrong from the start gives a
 * connection that refuses every call (the workstation still starts, so the administrator can fix the settings).
 */
export function openGatewayConnection(options: { production: boolean; address: GatewayAddress; onRefused?: (refusal: GatewayRefused) => void }): GatewayConnection {
  if (!options.production) return { fetch: (input, init) => fetch(input, init) };
  const problem = addressProblem(options.address);
  if (problem) {
    options.onRefused?.(problem);
    return { fetch: () => Promise.reject(problem) };
  }
  const agent = pinnedAgent(options.address.pinnedCertificatePem);
  const pinned: GatewayFetch = (input, init) => requestThrough(agent, input, init);
  // Asked once per run before the first call; a refusal stays (the settings must change, which needs a restart).
  let identified: Promise<unknown> | null = null;
  const identifyOnce = () =>
    (identified ??= identify(options.address.url, pinned, 15_000).catch((error: unknown) => {
      if (error instanceof GatewayRefused) options.onRefused?.(error);
      else identified = null; // no answer yet: ask again next time
      throw error;
    }));
  return {
    agent,
    fetch: async (input, init) => {
      await identifyOnce();
      return pinned(input, init);
    },
  };
}

/**
 * The administrator's address, checked before it is kept: refused (HostError with the reason) for http://, a
 * missing or unreadable pin, a certificate the pin does not cover, or the sandbox; `reached: false` when nothing
 * answered (an office offline at setup keeps the address; every connection is checked the same way later).
 */
export async function checkGatewayAddress(address: GatewayAddress, timeoutMs = 10_000): Promise<{ reached: boolean }> {
  const problem = addressProblem(address);
  if (problem) throw new HostError(problem.code, problem.message);
  const agent = pinnedAgent(address.pinnedCertificatePem);
  try {
    await identify(address.url, (input, init) => requestThrough(agent, input, init), timeoutMs);
    return { reached: true };
  } catch (error) {
    if (error instanceof GatewayRefused) throw new HostError(error.code, error.message);
    return { reached: false };
  } finally {
    agent.destroy();
  }
}

/**
 * A settings change, judged before it is kept (settingsStore's `vet`): whenever the gateway address or pin is given
 * or changed, or production is switched on with one. Nothing given at all is let through: setup asks for it.
 */
export async function vetGatewaySettings(next: Settings, before: Settings): Promise<GatewayCheck | undefined> {
  const { url, pinnedCertificatePem } = next.gateway;
  const changed = url !== before.gateway.url || pinnedCertificatePem !== before.gateway.pinnedCertificatePem || (before.trainingMode && !next.trainingMode);
  if (!changed || (!url && !pinnedCertificatePem)) return undefined;
  return (await checkGatewayAddress({ url, pinnedCertificatePem })).reached ? 'reached' : 'notReached';
}
