/**
 * eSCL (AirScan) scanners at addresses the administrator entered (scanning.md §2.1). A job is created with
 * POST ScanJobs, then NextDocument is asked for one JPEG page after another until the scanner answers 404;
 * each page streams straight to disk. The job is always deleted at the end, whether it finished, failed or
 * was cancelled, so the scanner is free for the next operator.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { ScanError, type RawPage, type ScanDevice, type ScannerSource, type ScanRequest } from '../scanTypes';
import { parseCapabilities, parseStatus, problemOfStatus, scanSettingsXml } from './esclMessages';

export interface EsclTimeouts {
  /** Connect and silence limit of the small requests (capabilities, status, job creation, delete). */
  requestMs: number;
  /** Longest silence while waiting for a page and while its body streams in (NAPS2 uses 60 s). */
  documentIdleMs: number;
}

export interface EsclRetries {
  /** Wait between tries when the scanner answers 503 (NAPS2 waits 2 s). */
  delayMs: number;
  /** Tries of NextDocument while the scanner is not ready (sane-airscan: 30). */
  nextDocument: number;
  /** Tries of ScanJobs while the scanner is busy with someone else's job. */
  createJob: number;
}

export interface EsclSourceOptions {
  /** eSCL roots, e.g. `http://192.168.1.20/eSCL`. */
  devices: string[];
  timeouts?: Partial<EsclTimeouts>;
  retries?: Partial<EsclRetries>;
}

const idPrefix = 'escl:';

/** Error codes of a connection that failed or broke: the scanner is off, unplugged, or off the network. */
const connectionLost = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE']);

class SilenceTimeout extends Error {}

function asScanError(error: unknown, signal?: AbortSignal): ScanError {
  if (signal?.aborted) return new ScanError('cancelled');
  if (error instanceof ScanError) return error;
  if (error instanceof SilenceTimeout) return new ScanError('timeout', error.message);
  const code = (error as NodeJS.ErrnoException).code;
  if (code && connectionLost.has(code)) return new ScanError('offline', code);
  return new ScanError('deviceError', error instanceof Error ? error.message : String(error));
}

/**
 * One HTTP exchange, resolved with the response once its head arrives. `silenceMs` bounds connecting and
 * every pause afterwards, including the pauses while the caller reads the body.
 */
function exchange(url: URL, init: { method: string; silenceMs: number; body?: string; signal?: AbortSignal }): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = init.body === undefined ? {} : { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(init.body) };
  return new Promise((resolve, reject) => {
    // No keep-alive: a scanner closing an idle pooled connection would surface as a spurious reset mid-batch.
    const request = send(url, { method: init.method, headers, agent: false, timeout: init.silenceMs, signal: init.signal });
    let response: IncomingMessage | undefined;
    request.once('timeout', () => {
      const error = new SilenceTimeout(`${init.method} ${url.pathname}: no data for ${init.silenceMs} ms`);
      request.destroy(error);
      response?.destroy(error);
    });
    request.once('error', reject);
    request.once('response', (answer) => {
      response = answer;
      resolve(answer);
    });
    request.end(init.body);
  });
}

async function readText(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One spelling per scanner (`http://host:80/eSCL/` is `http://host/eSCL`), or null for what is no URL. */
function rootOf(url: string): string | null {
  try {
    return new URL(url).href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}
const pageName = (seq: number) => `page-${String(seq).padStart(4, '0')}.jpg`;

export function createEsclSource(options: EsclSourceOptions): ScannerSource {
  const timeouts: EsclTimeouts = { requestMs: 10_000, documentIdleMs: 60_000, ...options.timeouts };
  const retries: EsclRetries = { delayMs: 1_500, nextDocument: 30, createJob: 5, ...options.retries };

  async function getText(url: string, signal?: AbortSignal): Promise<string> {
    const response = await exchange(new URL(url), { method: 'GET', silenceMs: timeouts.requestMs, signal });
    if (response.statusCode !== 200) {
      response.resume();
      throw new ScanError('deviceError', `${new URL(url).pathname} answered ${response.statusCode}`);
    }
    return readText(response);
  }

  /** The scanner's own account of an error answer; a scanner that is gone by now is offline. */
  async function problemAfter(root: string, what: string, signal: AbortSignal): Promise<ScanError> {
    try {
      return problemOfStatus(parseStatus(await getText(`${root}/ScannerStatus`, signal)), what);
    } catch (error) {
      const problem = asScanError(error, signal);
      return problem.code === 'offline' || problem.code === 'cancelled' ? problem : new ScanError('deviceError', what);
    }
  }

  async function createJob(root: string, request: ScanRequest, signal: AbortSignal): Promise<URL> {
    const capabilities = parseCapabilities(await getText(`${root}/ScannerCapabilities`, signal));
    const area = request.input === 'feeder' ? capabilities.feeder : capabilities.platen;
    if (!area) throw new ScanError('unsupported', `the scanner has no ${request.input}`);
    const body = scanSettingsXml(request, area);
    const jobsUrl = new URL(`${root}/ScanJobs`);
    for (let attempt = 1; ; attempt++) {
      const response = await exchange(jobsUrl, { method: 'POST', body, silenceMs: timeouts.requestMs, signal });
      response.resume();
      const location = response.headers.location;
      if (response.statusCode === 201 && location) {
        // The job lives on the scanner we talk to, whatever host an absolute Location names (some name
        // themselves by an address this workstation cannot reach).
        const job = new URL(location, jobsUrl);
        return new URL(job.pathname.replace(/\/+$/, '') + job.search, jobsUrl.origin);
      }
      if (response.statusCode !== 503) throw await problemAfter(root, `ScanJobs answered ${response.statusCode}`, signal);
      if (attempt >= retries.createJob) throw new ScanError('busy', `ScanJobs answered 503 ${attempt} times`);
      await delay(retries.delayMs, undefined, { signal });
    }
  }

  /** Streams the page to `path`; a page cut short is removed, never left looking like a page. */
  async function savePage(response: IncomingMessage, path: string): Promise<void> {
    try {
      await pipeline(response, createWriteStream(path));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }

  /** 'page' once the next page is on disk at `path`; 'end' when the job has no more pages. */
  async function nextDocument(root: string, job: URL, path: string, pagesSoFar: number, signal: AbortSignal): Promise<'page' | 'end'> {
    const url = new URL(`${job.pathname}/NextDocument${job.search}`, job);
    for (let attempt = 1; ; attempt++) {
      const response = await exchange(url, { method: 'GET', silenceMs: timeouts.documentIdleMs, signal });
      if (response.statusCode === 200) {
        await savePage(response, path);
        return 'page';
      }
      response.resume();
      if (response.statusCode === 404) return 'end';
      if (response.statusCode === 410) throw new ScanError('cancelled', 'the job was cancelled at the scanner');
      if (response.statusCode !== 503) {
        const problem = await problemAfter(root, `NextDocument answered ${response.statusCode}`, signal);
        // Some scanners report the emptied feeder as an error rather than a 404: after a page that is the end.
        if (problem.code === 'feederEmpty' && pagesSoFar > 0) return 'end';
        throw problem;
      }
      if (attempt >= retries.nextDocument) throw new ScanError('timeout', `the scanner was not ready after ${attempt} tries`);
      await delay(retries.delayMs, undefined, { signal });
    }
  }

  async function deleteJob(job: URL): Promise<void> {
    try {
      (await exchange(job, { method: 'DELETE', silenceMs: timeouts.requestMs })).resume();
    } catch {
      // A scanner that is gone has dropped the job with it.
    }
  }

  async function* scan(device: ScanDevice, request: ScanRequest, workDir: string, signal: AbortSignal): AsyncGenerator<RawPage> {
    if (device.kind !== 'escl' || !device.id.startsWith(idPrefix)) throw new ScanError('unsupported', `not an eSCL device: ${device.id}`);
    const root = device.id.slice(idPrefix.length);
    try {
      signal.throwIfAborted();
      const job = await createJob(root, request, signal);
      try {
        for (let seq = 1; ; seq++) {
          const path = join(workDir, pageName(seq));
          if ((await nextDocument(root, job, path, seq - 1, signal)) === 'end') {
            if (seq > 1) return;
            throw request.input === 'feeder' ? new ScanError('feederEmpty') : new ScanError('deviceError', 'the scanner delivered no page');
          }
          yield { seq, path, mimeType: 'image/jpeg', dpi: request.dpi };
          // A platen job is one page; asking again would only make some scanners scan the glass twice.
          if (request.input === 'platen') return;
          signal.throwIfAborted();
        }
      } finally {
        await deleteJob(job);
      }
    } catch (error) {
      throw asScanError(error, signal);
    }
  }

  async function discoverOne(root: string, signal?: AbortSignal): Promise<ScanDevice[]> {
    try {
      const capabilities = parseCapabilities(await getText(`${root}/ScannerCapabilities`, signal));
      const inputs: ScanDevice['inputs'] = [...(capabilities.platen ? ['platen' as const] : []), ...(capabilities.feeder ? ['feeder' as const] : [])];
      return [{ id: `${idPrefix}${root}`, kind: 'escl', name: capabilities.makeAndModel ?? new URL(root).host, inputs }];
    } catch {
      return [];
    }
  }

  return {
    kind: 'escl',
    async discover(signal) {
      // An address entered and also announced on the network is asked once.
      const roots = new Set(options.devices.map(rootOf).filter((root) => root !== null));
      return (await Promise.all([...roots].map((root) => discoverOne(root, signal)))).flat();
    },
    scan,
  };
}
