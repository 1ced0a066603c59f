/**
 * The gateway's tus 1.0.0 server (core + creation, creation-with-upload, expiration, checksum, termination), written out rather than
 * taken from @tus/server because the sandbox needs exact control of what a cut-off PATCH leaves behind:
 *  - without Upload-Checksum, the bytes that arrived before the connection dropped are kept (tus allows it), so
 *    a resumed upload does not send them again;
 *  - with Upload-Checksum, a PATCH counts whole or not at all: a cut-off or mismatching body is discarded (460).
 * A finished upload must hash to the sha256 declared in its Upload-Metadata (else 460 and the upload is
 * dropped); then it moves into the content-addressed blob store. Bodies stream to disk, never into memory.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { truncate } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { CHECKSUM_MISMATCH_STATUS, paths, TUS_VERSION, uploadMetadataKeys } from '../../shared/gateway/gatewayProtocol';
import type { BlobStore } from '../blobStore';
import type { Reply } from '../httpIo';
import { problem, problemTypes } from '../problems';
import type { UploadRecord, UploadStore } from './uploadStore';

export const TUS_EXTENSIONS = 'creation,creation-with-upload,expiration,checksum,termination';
export const TUS_CHECKSUM_ALGORITHMS = ['sha256', 'sha1'] as const;
const OFFSET_OCTET_STREAM = 'application/offset+octet-stream';

export interface UploadStats {
  /** Every PATCH body byte read, kept or not: the measure of what clients (re-)sent. */
  bytesReceived: number;
  /** The same per upload id, since this sandbox started. */
  bytesReceivedByUpload: Map<string, number>;
  /** Bytes read and then thrown away (checksum mismatch, cut-off checksummed PATCH, bad final hash). */
  bytesDiscarded: number;
  created: number;
  completed: number;
}

export interface TusServerOptions {
  store: UploadStore;
  blobs: BlobStore;
  now: () => Date;
  maxUploadBytes: number;
  expirySeconds: number;
}

const tusHeaders = (extra: Record<string, string> = {}) => ({ 'tus-resumable': TUS_VERSION, ...extra });
const noContent = (headers: Record<string, string>): Reply => ({ status: 204, headers: tusHeaders(headers), body: '' });

export class TusServer {
  readonly stats: UploadStats = { bytesReceived: 0, bytesReceivedByUpload: new Map(), bytesDiscarded: 0, created: 0, completed: 0 };
  /** One PATCH/DELETE per upload at a time; a resumed PATCH waits for the cut-off one to settle. */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly options: TusServerOptions) {}

  capabilities(): Reply {
    return noContent({
      'tus-version': TUS_VERSION,
      'tus-extension': TUS_EXTENSIONS,
      'tus-checksum-algorithm': TUS_CHECKSUM_ALGORITHMS.join(','),
      'tus-max-size': String(this.options.maxUploadBytes),
    });
  }

  /**
   * creation-with-upload: a POST may carry the upload's first bytes (as a PATCH at offset 0 would, checksum and all),
   * sparing a regional link the round trip between creating the upload and sending it.
   */
  async create(req: IncomingMessage, body?: AsyncIterable<Buffer>): Promise<Reply> {
    if (req.headers['upload-defer-length'] !== undefined) throw badRequest('Upload-Defer-Length is not supported: send Upload-Length');
    const length = nonNegativeInteger(req.headers['upload-length'], 'Upload-Length');
    if (length > this.options.maxUploadBytes) {
      throw problem(413, problemTypes.payloadTooLarge, 'Upload too large', `Tus-Max-Size is ${this.options.maxUploadBytes}`, tusHeaders());
    }
    const metadata = parseMetadata(header(req, 'upload-metadata') ?? '');
    const sha256 = metadata.get(uploadMetadataKeys.sha256) ?? '';
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw badRequest('Upload-Metadata must carry sha256 (lowercase hex)');
    const now = this.options.now();
    const fileName = metadata.get(uploadMetadataKeys.fileName);
    const mimeType = metadata.get(uploadMetadataKeys.mimeType);
    const record = await this.options.store.create({
      length,
      sha256,
      ...(fileName ? { fileName } : {}),
      ...(mimeType ? { mimeType } : {}),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.options.expirySeconds * 1000).toISOString(),
    });
    this.stats.created += 1;
    // An empty file is complete at creation.
    if (length === 0) await this.finish(record);
    const created = tusHeaders({ location: paths.upload(record.uploadId), 'upload-expires': httpDate(record.expiresAt) });
    if (!body || Number(req.headers['content-length'] ?? 0) === 0) return { status: 201, headers: created, body: '' };
    const received = await this.locked(record.uploadId, () => this.receive(req, record.uploadId, body, 0));
    // A cut-off or refused body leaves the upload created; the client, never told where it is, starts another.
    if (received.status !== 204) return received;
    return { status: 201, headers: { ...received.headers, ...created }, body: '' };
  }

  async head(uploadId: string): Promise<Reply> {
    const record = await this.live(uploadId);
    return {
      status: 200,
      headers: tusHeaders({
        'upload-offset': String(record.offset),
        'upload-length': String(record.length),
        ...(record.completed ? {} : { 'upload-expires': httpDate(record.expiresAt) }),
        'cache-control': 'no-store',
      }),
      body: '',
    };
  }

  patch(req: IncomingMessage, uploadId: string, body: AsyncIterable<Buffer>): Promise<Reply> {
    return this.locked(uploadId, () => this.receive(req, uploadId, body));
  }

  terminate(uploadId: string): Promise<Reply> {
    return this.locked(uploadId, async () => {
      if (!(await this.options.store.get(uploadId))) throw notFound(uploadId);
      await this.options.store.remove(uploadId);
      return noContent({});
    });
  }

  /** `atOffset`: where a creation's body goes (it has no Upload-Offset); a PATCH says it. */
  private async receive(req: IncomingMessage, uploadId: string, body: AsyncIterable<Buffer>, atOffset?: number): Promise<Reply> {
    const record = await this.live(uploadId);
    if (!(header(req, 'content-type') ?? '').toLowerCase().startsWith(OFFSET_OCTET_STREAM)) {
      throw problem(415, problemTypes.malformedRequest, 'Unsupported media type', `upload bodies are ${OFFSET_OCTET_STREAM}`, tusHeaders());
    }
    const offset = atOffset ?? nonNegativeInteger(req.headers['upload-offset'], 'Upload-Offset');
    if (offset !== record.offset) {
      throw problem(409, problemTypes.uploadOffsetMismatch, 'Upload-Offset does not match', `the upload is at ${record.offset}, the PATCH says ${offset}`, tusHeaders({ 'upload-offset': String(record.offset) }));
    }
    // A retry of the PATCH that completed the upload, whose answer was lost: nothing left to write.
    if (record.completed) return noContent({ 'upload-offset': String(record.offset) });
    const checksum = parseChecksum(header(req, 'upload-checksum'));
    const declared = req.headers['content-length'];
    if (declared !== undefined && offset + Number(declared) > record.length) throw badRequest('the PATCH body goes past Upload-Length');

    const { written, cutOff, digest, tooLong, fileSha256 } = await this.writeAt(record, body, checksum?.algorithm);
    this.stats.bytesReceived += written;
    this.stats.bytesReceivedByUpload.set(uploadId, (this.stats.bytesReceivedByUpload.get(uploadId) ?? 0) + written);
    const discard = tooLong || (checksum !== undefined && (cutOff || digest !== checksum.base64));
    if (discard) {
      // Nothing of this PATCH counts: the confirmed offset stays; the stray bytes are cut before the next write.
      this.stats.bytesDiscarded += written;
      if (tooLong) throw problem(400, problemTypes.malformedRequest, 'Malformed tus request', 'the PATCH body goes past Upload-Length', tusHeaders({ connection: 'close' }));
      if (!cutOff) throw problem(CHECKSUM_MISMATCH_STATUS, problemTypes.checksumMismatch, 'Checksum mismatch', `Upload-Checksum ${checksum?.algorithm} does not match the PATCH body`, tusHeaders());
      return connectionGone();
    }
    record.offset += written;
    if (record.offset === record.length) await this.finish(record, fileSha256);
    else await this.options.store.save(record);
    if (cutOff) return connectionGone();
    return noContent({ 'upload-offset': String(record.offset), ...(record.completed ? {} : { 'upload-expires': httpDate(record.expiresAt) }) });
  }

  /**
   * Writes the body at the confirmed offset; stops at the first error reading the body (a cut-off). A PATCH
   * from offset 0 also hashes the whole file on the way, sparing a re-read when it completes the upload.
   * No fsync: the sandbox must survive its own restart (the page cache does), not a power cut.
   */
  private async writeAt(record: UploadRecord, body: AsyncIterable<Buffer>, algorithm: string | undefined) {
    const hash = algorithm ? createHash(algorithm) : undefined;
    // A SHA-256 checksum over a PATCH from offset 0 is the file's own digest so far: hash once, not twice.
    const fileHash = record.offset === 0 ? (algorithm === 'sha256' ? hash : createHash('sha256')) : undefined;
    const partPath = this.options.store.partPath(record.uploadId);
    await truncate(partPath, record.offset);
    // A 1 MiB buffer: with the default 16 KiB nearly every body chunk waits for a drain.
    const file = createWriteStream(partPath, { flags: 'r+', start: record.offset, highWaterMark: 1 << 20 });
    const failed = new Promise<never>((_, reject) => file.once('error', reject));
    failed.catch(() => undefined);
    let written = 0;
    let cutOff = false;
    let tooLong = false;
    try {
      const chunks = body[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch {
          cutOff = true;
          break;
        }
        if (next.done) break;
        if (record.offset + written + next.value.length > record.length) {
          tooLong = true;
          written += next.value.length;
          break;
        }
        hash?.update(next.value);
        if (fileHash !== hash) fileHash?.update(next.value);
        written += next.value.length;
        if (!file.write(next.value)) await Promise.race([once(file, 'drain'), failed]);
      }
    } finally {
      file.end();
      await Promise.race([once(file, 'close'), failed]);
    }
    const digest = hash?.digest();
    const fileDigest = fileHash === hash ? digest : fileHash?.digest();
    return { written, cutOff, tooLong, digest: digest?.toString('base64'), fileSha256: fileDigest?.toString('hex') };
  }

  private async finish(record: UploadRecord, knownSha256?: string): Promise<void> {
    const partPath = this.options.store.partPath(record.uploadId);
    const actual = knownSha256 ?? (await sha256OfFile(partPath));
    if (actual !== record.sha256) {
      this.stats.bytesDiscarded += record.length;
      await this.options.store.remove(record.uploadId);
      throw problem(CHECKSUM_MISMATCH_STATUS, problemTypes.checksumMismatch, 'Upload does not match its declared sha256', `declared ${record.sha256}, received bytes hash to ${actual}; the upload was discarded`, tusHeaders());
    }
    await this.options.blobs.adopt(partPath, record.sha256);
    record.completed = true;
    await this.options.store.save(record);
    this.stats.completed += 1;
  }

  /** The upload, unless unknown (404) or expired before it completed (410, and its bytes are dropped). */
  private async live(uploadId: string): Promise<UploadRecord> {
    const record = await this.options.store.get(uploadId);
    if (!record) throw notFound(uploadId);
    if (!record.completed && Date.parse(record.expiresAt) <= this.options.now().getTime()) {
      await this.options.store.remove(uploadId);
      // From now on the upload is unknown (404); tus allows either answer for an expired upload.
      throw problem(410, problemTypes.uploadExpired, 'Upload expired', `expired at ${record.expiresAt}; start a new upload`, tusHeaders());
    }
    return record;
  }

  private async locked<T>(uploadId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(uploadId) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    const settled = current.catch(() => undefined);
    this.locks.set(uploadId, settled);
    void settled.then(() => {
      if (this.locks.get(uploadId) === settled) this.locks.delete(uploadId);
    });
    return current;
  }
}

/** A reply nobody will read: the client's connection is gone. The server skips writing to a destroyed socket. */
const connectionGone = (): Reply => ({ status: 400, headers: tusHeaders(), body: '' });

const badRequest = (detail: string) => problem(400, problemTypes.malformedRequest, 'Malformed tus request', detail, tusHeaders());
const notFound = (uploadId: string) => problem(404, problemTypes.notFound, 'Unknown upload', uploadId, tusHeaders());

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function nonNegativeInteger(value: string | string[] | undefined, name: string): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,15}$/.test(text)) throw badRequest(`${name} must be a non-negative integer`);
  return Number(text);
}

/** tus Upload-Metadata: comma-separated `key base64value` pairs (a key alone means an empty value). */
function parseMetadata(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const pair of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [key = '', value = '', ...rest] = pair.split(' ');
    if (rest.length > 0 || !/^[A-Za-z0-9+/=]*$/.test(value)) throw badRequest(`malformed Upload-Metadata pair "${pair}"`);
    entries.set(key, Buffer.from(value, 'base64').toString('utf8'));
  }
  return entries;
}

function parseChecksum(text: string | undefined): { algorithm: string; base64: string } | undefined {
  if (text === undefined) return undefined;
  const [algorithm = '', base64 = ''] = text.trim().split(/\s+/);
  if (!(TUS_CHECKSUM_ALGORITHMS as readonly string[]).includes(algorithm)) throw badRequest(`unsupported checksum algorithm "${algorithm}"; supported: ${TUS_CHECKSUM_ALGORITHMS.join(', ')}`);
  return { algorithm, base64 };
}

const httpDate = (iso: string) => new Date(iso).toUTCString();

function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
