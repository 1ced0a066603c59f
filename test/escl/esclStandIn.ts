/**
 * An eSCL scanner stand-in for tests (scanning.md §7.3): node:http on loopback answering ScannerCapabilities,
 * ScannerStatus, POST ScanJobs, NextDocument and DELETE the way a network MFP does, with small gray JPEG pages
 * that carry their page number (drawn, and in the EXIF description for assertions). Faults are injected per
 * test: not-ready answers, a jammed or opened feeder, a trickling page, a busy scanner, a scanner that vanishes.
 *
 * CLI for end-to-end runs: `tsx test/escl/esclStandIn.ts --port 8091 --pages 3 [--faults '<EsclFaults JSON>']`
 * prints `eSCL stand-in listening on <url>`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import makeMdns from 'multicast-dns';
import sharp from 'sharp';

export interface EsclFaults {
  /** NextDocument answers 503 this many times before it serves page `beforePage`. */
  notReady?: { beforePage: number; times: number };
  /** After `afterPage` pages NextDocument answers 500 and the status shows `adfState` (ScannerAdfJam, ScannerAdfHatchOpen, …). */
  feederFault?: { afterPage: number; adfState: string };
  /** Page `page` trickles out in eight pieces, one every `pieceDelayMs`. */
  slowPage?: { page: number; pieceDelayMs: number };
  /** POST ScanJobs answers 503 this many times (a storm: a large number). */
  busyJobs?: number;
  /** The scanner vanishes (sockets destroyed, server closed) when asked for the page after `afterPage`; `midPage` sends half of that page first. */
  vanish?: { afterPage: number; midPage?: boolean };
  lowercaseDoctype?: boolean;
  /** Location `/eSCL/ScanJobs/<id>` instead of an absolute URL. */
  relativeLocation?: boolean;
  /** How the status spells a loaded feeder; the spec's `ScannedAdfLoaded` unless told. */
  adfLoadedSpelling?: 'ScannedAdfLoaded' | 'ScannerAdfLoaded';
}

export interface EsclStandInOptions {
  port?: number;
  /** Pages in the feeder for every feeder job; 0 is an empty feeder. */
  pages?: number;
  /** Page image size in pixels, whatever resolution was asked for (small keeps tests fast). */
  pageSize?: { width: number; height: number };
  makeAndModel?: string;
  inputs?: ('platen' | 'feeder')[];
  faults?: EsclFaults;
  /** Announce itself by DNS-SD (`_uscan._tcp`) on loopback, as a network MFP does on the office LAN. */
  advertise?: boolean;
}

export interface EsclStandInStats {
  /** `METHOD /path` of every request, oldest first. */
  requests: string[];
  jobsCreated: number;
  jobsDeleted: number;
  pagesServed: number;
  /** The body of the latest POST ScanJobs. */
  lastScanSettings?: string;
}

export interface EsclStandIn {
  /** The eSCL root, e.g. `http://127.0.0.1:40123/eSCL`. */
  url: string;
  setFaults(faults: EsclFaults): void;
  stats: EsclStandInStats;
  close(): Promise<void>;
}

const fontFile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const descriptionPrefix = 'eSCL stand-in page ';

/** The page number a stand-in page carries, read from its EXIF description. */
export async function standInPageNumber(file: string): Promise<number | undefined> {
  const exif = (await sharp(file).metadata()).exif?.toString('latin1') ?? '';
  const match = exif.match(new RegExp(`${descriptionPrefix}(\\d+)`));
  return match ? Number(match[1]) : undefined;
}

async function renderPage(page: number, color: boolean, size: { width: number; height: number }): Promise<Buffer> {
  const label = await sharp({ text: { text: `Page ${page}`, fontfile: fontFile, font: 'DejaVu Sans', width: Math.round(size.width * 0.6), height: Math.round(size.height * 0.15) } }).png().toBuffer();
  const paper = { r: 236, g: 236, b: color ? 250 : 236 };
  // Pango text comes as coverage on black; negating it lays dark ink on the paper.
  const ink = await sharp(label).negate({ alpha: false }).png().toBuffer();
  const image = sharp({ create: { width: size.width, height: size.height, channels: 3, background: paper } }).composite([{ input: ink, blend: 'multiply' }]);
  return (color ? image : image.toColourspace('b-w'))
    .jpeg({ quality: 80 })
    .withExif({ IFD0: { ImageDescription: `${descriptionPrefix}${page}` } })
    .toBuffer();
}

const base = '/eSCL';
const ns = 'xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"';

function inputCaps(tag: string, maxHeight: number): string {
  const profile = [
    '<scan:SettingProfiles><scan:SettingProfile>',
    '<scan:ColorModes><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>',
    '<scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt></scan:DocumentFormats>',
    '<scan:SupportedResolutions><scan:DiscreteResolutions>',
    ...[100, 150, 200, 300, 600].map((dpi) => `<scan:DiscreteResolution><scan:XResolution>${dpi}</scan:XResolution><scan:YResolution>${dpi}</scan:YResolution></scan:DiscreteResolution>`),
    '</scan:DiscreteResolutions></scan:SupportedResolutions>',
    '</scan:SettingProfile></scan:SettingProfiles>',
  ].join('');
  return `<scan:${tag}><scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth><scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>${maxHeight}</scan:MaxHeight>${profile}</scan:${tag}>`;
}

interface Job {
  id: string;
  input: 'Platen' | 'Feeder';
  color: boolean;
  served: number;
  notReadyAnswered: number;
  state: 'Processing' | 'Completed' | 'Aborted';
}

export async function startEsclStandIn(options: EsclStandInOptions = {}): Promise<EsclStandIn> {
  const feederPages = options.pages ?? 3;
  const pageSize = options.pageSize ?? { width: 300, height: 424 };
  const inputs = options.inputs ?? ['platen', 'feeder'];
  let faults: EsclFaults = options.faults ?? {};
  let busyAnswered = 0;
  let adfFault: string | undefined;
  const jobs = new Map<string, Job>();
  const rendered = new Map<string, Promise<Buffer>>();
  const stats: EsclStandInStats = { requests: [], jobsCreated: 0, jobsDeleted: 0, pagesServed: 0 };

  const pageImage = (page: number, color: boolean) => {
    const key = `${page}:${color}`;
    if (!rendered.has(key)) rendered.set(key, renderPage(page, color, pageSize));
    return rendered.get(key)!;
  };

  function capabilitiesXml(): string {
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      faults.lowercaseDoctype ? '<!doctype ScannerCapabilities>' : '',
      `<scan:ScannerCapabilities ${ns}>`,
      '<pwg:Version>2.63</pwg:Version>',
      `<pwg:MakeAndModel>${options.makeAndModel ?? 'Qabyl eSCL stand-in'}</pwg:MakeAndModel>`,
      '<scan:UUID>4509a320-00a0-008f-00b6-002507510eca</scan:UUID>',
      inputs.includes('platen') ? `<scan:Platen>${inputCaps('PlatenInputCaps', 3508)}</scan:Platen>` : '',
      inputs.includes('feeder') ? `<scan:Adf>${inputCaps('AdfSimplexInputCaps', 4200)}</scan:Adf>` : '',
      '</scan:ScannerCapabilities>',
    ]
      .filter(Boolean)
      .join('\n');
  }

  function statusXml(): string {
    const busy = [...jobs.values()].some((job) => job.state === 'Processing');
    const adfState = adfFault ?? (feederPages > 0 ? (faults.adfLoadedSpelling ?? 'ScannedAdfLoaded') : 'ScannerAdfEmpty');
    const jobInfos = [...jobs.values()].map(
      (job) => `<scan:JobInfo><pwg:JobUri>${base}/ScanJobs/${job.id}</pwg:JobUri><pwg:JobUuid>${job.id}</pwg:JobUuid><pwg:ImagesCompleted>${job.served}</pwg:ImagesCompleted><pwg:JobState>${job.state}</pwg:JobState></scan:JobInfo>`,
    );
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<scan:ScannerStatus ${ns}>`,
      '<pwg:Version>2.63</pwg:Version>',
      `<pwg:State>${adfFault ? 'Stopped' : busy ? 'Processing' : 'Idle'}</pwg:State>`,
      inputs.includes('feeder') ? `<scan:AdfState>${adfState}</scan:AdfState>` : '',
      `<scan:Jobs>${jobInfos.join('')}</scan:Jobs>`,
      '</scan:ScannerStatus>',
    ].join('\n');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
      else response.destroy();
    });
  });

  function vanish(request: IncomingMessage): void {
    request.socket.destroy();
    server.close();
    server.closeAllConnections();
  }

  async function servePage(request: IncomingMessage, response: ServerResponse, job: Job): Promise<void> {
    const page = job.served + 1;
    const body = await pageImage(page, job.color);
    const cutHalfway = faults.vanish?.midPage && faults.vanish.afterPage === job.served;
    const slow = faults.slowPage?.page === page ? faults.slowPage : undefined;
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length });
    if (cutHalfway) {
      response.write(body.subarray(0, body.length >> 1));
      await delay(20);
      vanish(request);
      return;
    }
    if (slow) {
      const piece = Math.ceil(body.length / 8);
      for (let offset = 0; offset < body.length; offset += piece) {
        if (offset > 0) await delay(slow.pieceDelayMs);
        if (response.destroyed) return;
        response.write(body.subarray(offset, offset + piece));
      }
      response.end();
    } else response.end(body);
    job.served = page;
    stats.pagesServed++;
    if (job.input === 'Platen' || page >= feederPages) job.state = 'Completed';
  }

  async function nextDocument(request: IncomingMessage, response: ServerResponse, job: Job): Promise<void> {
    const limit = job.input === 'Platen' ? 1 : feederPages;
    if (faults.vanish && !faults.vanish.midPage && faults.vanish.afterPage === job.served) return vanish(request);
    if (job.served >= limit) return void response.writeHead(404).end();
    if (faults.feederFault && faults.feederFault.afterPage === job.served) {
      adfFault = faults.feederFault.adfState;
      job.state = 'Aborted';
      return void response.writeHead(500).end();
    }
    if (faults.notReady && faults.notReady.beforePage === job.served + 1 && job.notReadyAnswered < faults.notReady.times) {
      job.notReadyAnswered++;
      return void response.writeHead(503, { 'retry-after': '1' }).end();
    }
    await servePage(request, response, job);
  }

  async function createJob(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const settings = await readBody(request);
    stats.lastScanSettings = settings;
    if (busyAnswered < (faults.busyJobs ?? 0)) {
      busyAnswered++;
      return void response.writeHead(503).end();
    }
    const input = settings.match(/<(?:\w+:)?InputSource>\s*(\w+)/)?.[1] === 'Feeder' ? 'Feeder' : 'Platen';
    if (!inputs.includes(input === 'Feeder' ? 'feeder' : 'platen')) return void response.writeHead(409).end();
    const job: Job = { id: randomUUID(), input, color: /RGB24/.test(settings), served: 0, notReadyAnswered: 0, state: 'Processing' };
    jobs.set(job.id, job);
    stats.jobsCreated++;
    const path = `${base}/ScanJobs/${job.id}`;
    response.writeHead(201, { location: faults.relativeLocation ? path : `http://${request.headers.host}${path}` }).end();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    stats.requests.push(`${request.method} ${path}`);
    const jobMatch = path.match(/^\/eSCL\/ScanJobs\/([\w-]+)(\/NextDocument)?\/?$/);
    const job = jobMatch ? jobs.get(jobMatch[1]!) : undefined;
    const xml = (text: string) => void response.writeHead(200, { 'content-type': 'text/xml' }).end(text);

    if (request.method === 'GET' && path === `${base}/ScannerCapabilities`) return xml(capabilitiesXml());
    if (request.method === 'GET' && path === `${base}/ScannerStatus`) return xml(statusXml());
    if (request.method === 'POST' && path === `${base}/ScanJobs`) return createJob(request, response);
    if (jobMatch && !job) return void response.writeHead(404).end();
    if (job && request.method === 'GET' && jobMatch?.[2]) return nextDocument(request, response, job);
    if (job && request.method === 'DELETE' && !jobMatch?.[2]) {
      jobs.delete(job.id);
      stats.jobsDeleted++;
      return void response.writeHead(200).end();
    }
    response.writeHead(404).end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const announcer = options.advertise ? advertise(`${options.makeAndModel ?? 'eSCL stand-in'} ${port}`, port) : null;

  return {
    url: `http://127.0.0.1:${port}${base}`,
    stats,
    setFaults(next) {
      faults = next;
      busyAnswered = 0;
      adfFault = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        announcer?.destroy();
        server.closeAllConnections();
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  };
}

/** Answers DNS-SD queries for eSCL scanners with this one: PTR, then SRV, TXT (`rs`, `ty`) and its A record. */
function advertise(name: string, port: number) {
  const instance = `${name}._uscan._tcp.local`;
  const host = `stand-in-${port}.local`;
  const responder = makeMdns({ loopback: true });
  const announce = () =>
    responder.respond({
      answers: [{ name: '_uscan._tcp.local', type: 'PTR', data: instance }],
      additionals: [
        { name: instance, type: 'SRV', data: { port, target: host } },
        { name: instance, type: 'TXT', data: ['txtvers=1', `ty=${name}`, `rs=${base.slice(1)}`] },
        { name: host, type: 'A', data: '127.0.0.1' },
      ],
    });
  responder.on('query', (query) => {
    if (query.questions.some((question) => question.name === '_uscan._tcp.local')) announce();
  });
  // Unasked, once, as a device does when it joins the network.
  announce();
  return responder;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, pages: { type: 'string', default: '3' }, faults: { type: 'string' } } });
  const standIn = await startEsclStandIn({
    port: Number(values.port),
    pages: Number(values.pages),
    faults: values.faults ? (JSON.parse(values.faults) as EsclFaults) : undefined,
  });
  console.log(`eSCL stand-in listening on ${standIn.url}`);
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
