/**
 * A fault-injecting HTTP proxy on loopback for the chaos test: it stands between the sync engine and the sandbox
 * and, at seeded random, resets connections mid-request-body or mid-response, drops them, delays them, answers
 * 503/429 with Retry-After, a captive-portal page, or truncated JSON. Bodies stream through (uploads are never
 * held whole); it counts what it did, and the bytes it forwarded to the target per route class.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { routeClasses, routeClassOf, type RouteClass } from '../../shared/gateway/routeClasses';
import { seededRandom } from '../../sandbox/seededRandom';

export const proxyFaults = ['drop', 'delay', 'resetRequest', 'resetResponse', 'unavailable', 'rateLimited', 'captivePortal', 'truncatedJson'] as const;
export type ProxyFault = (typeof proxyFaults)[number];
/** Chance per request of each fault (their sum at most 1). */
export type FaultRates = Partial<Record<ProxyFault, number>>;

export interface FaultProxyOptions {
  /** Base URL of the server behind the proxy, e.g. the sandbox's. */
  target: string;
  seed?: number;
  rates?: FaultRates;
  /** Rates for one route class instead of `rates`. */
  ratesByClass?: Partial<Record<RouteClass, FaultRates>>;
  /** Upper bound of an injected delay. Default 500 ms. */
  maxDelayMs?: number;
  /** Retry-After on 503 and 429. Default 1. */
  retryAfterSeconds?: number;
  /** 0 = a free port. */
  port?: number;
}

export interface FaultProxyCounts {
  requests: Record<RouteClass, number>;
  faults: Record<ProxyFault, number>;
  /** Request body bytes the target was sent, per route class. */
  bytesToTarget: Record<RouteClass, number>;
}

export interface FaultProxy {
  url: string;
  counts(): FaultProxyCounts;
  setRates(rates: FaultRates, ratesByClass?: Partial<Record<RouteClass, FaultRates>>): void;
  close(): Promise<void>;
}

const CAPTIVE_PORTAL_PAGE = '<!doctype html><html><head><title>Hotspot</title></head><body><form method="post" action="/login"><input name="code"><button>Log in</button></form></body></html>';

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed ?? 1);
  let rates = options.rates ?? {};
  let ratesByClass = options.ratesByClass ?? {};
  const maxDelayMs = options.maxDelayMs ?? 500;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const counts: FaultProxyCounts = { requests: zeroes(routeClasses), faults: zeroes(proxyFaults), bytesToTarget: zeroes(routeClasses) };

  const pick = (routeClass: RouteClass): ProxyFault | undefined => {
    const chosen = ratesByClass[routeClass] ?? rates;
    let draw = random();
    for (const fault of proxyFaults) {
      draw -= chosen[fault] ?? 0;
      if (draw < 0) return fault;
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname } = new URL(req.url ?? '/', 'http://proxy');
    const routeClass = routeClassOf(req.method ?? 'GET', pathname);
    counts.requests[routeClass] += 1;
    const fault = pick(routeClass);
    if (fault) counts.faults[fault] += 1;

    const answer = (status: number, headers: Record<string, string>, body: string) => {
      req.resume();
      res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) }).end(body);
    };
    switch (fault) {
      case 'drop':
        return void req.socket.destroy();
      case 'unavailable':
        return answer(503, { 'content-type': 'text/plain', 'retry-after': retryAfter }, 'Service Unavailable');
      case 'rateLimited':
        return answer(429, { 'content-type': 'text/plain', 'retry-after': retryAfter }, 'Too Many Requests');
      case 'captivePortal':
        return answer(200, { 'content-type': 'text/html; charset=utf-8' }, CAPTIVE_PORTAL_PAGE);
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * maxDelayMs)));
        break;
      default:
        break;
    }
    await forward(req, res, routeClass, fault);
  };

  const forward = (req: IncomingMessage, res: ServerResponse, routeClass: RouteClass, fault: ProxyFault | undefined) =>
    new Promise<void>((resolve) => {
      // Taken now: req.socket is detached (null) once the request is destroyed, whatever the types say.
      const socket = req.socket;
      const cutClient = () => {
        socket.destroy();
        resolve();
      };
      const declared = Number(req.headers['content-length'] ?? 0);
      if (fault === 'resetRequest' && declared === 0) return cutClient();
      const upstream = httpRequest(
        { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (upstreamRes) => {
          if (fault === 'truncatedJson') return void relayTruncated(upstreamRes, res).then(resolve, cutClient);
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          if (fault !== 'resetResponse') return void pipeline(upstreamRes, res).then(resolve, cutClient);
          // Headers and half the body reach the client, then the connection dies.
          const half = Math.floor(Number(upstreamRes.headers['content-length'] ?? 0) / 2);
          if (half === 0) {
            res.flushHeaders();
            return void setTimeout(cutClient, 20);
          }
          pipeline(upstreamRes, passUpTo(half, () => undefined, () => (upstreamRes.destroy(), cutClient())), res).catch(() => undefined);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent && !res.destroyed) answerBadGateway(res);
        else res.destroy();
        resolve();
      });
      // A reset mid-body passes a random part of the body to the target, then both connections die.
      const limit = fault === 'resetRequest' ? Math.floor(random() * declared) : Infinity;
      const meter = passUpTo(limit, (bytes) => (counts.bytesToTarget[routeClass] += bytes), () => (upstream.destroy(), cutClient()));
      pipeline(req, meter, upstream).catch(() => undefined);
    });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => structuredClone(counts),
    setRates(next, nextByClass = {}) {
      rates = next;
      ratesByClass = nextByClass;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Passes at most `limit` bytes, reporting each passed chunk's size; once cut, `onCut` runs after what passed is flushed. */
function passUpTo(limit: number, passed: (bytes: number) => void, onCut: () => void): Transform {
  let total = 0;
  let cut = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (cut) return callback();
      const part = chunk.subarray(0, limit - total);
      total += part.length;
      passed(part.length);
      callback(null, part);
      if (part.length < chunk.length) {
        cut = true;
        setTimeout(onCut, 20);
      }
    },
  });
}

function answerBadGateway(res: ServerResponse): void {
  const body = 'Bad Gateway';
  res.writeHead(502, { 'content-type': 'text/plain', 'content-length': String(body.length) }).end(body);
}

/** The whole (small) answer, then half of it with a Content-Length to match, so the JSON is cut but the HTTP is not. */
async function relayTruncated(upstreamRes: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of upstreamRes as AsyncIterable<Buffer>) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const cut = body.subarray(0, Math.floor(body.length / 2));
  res.writeHead(upstreamRes.statusCode ?? 502, { ...upstreamRes.headers, 'content-length': String(cut.length) }).end(cut);
}
