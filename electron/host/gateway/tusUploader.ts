/**
 * Resumable attachment upload over tus 1.0 (tus-js-client), research R4. Upload URLs are remembered on disk
 * by the file's SHA-256, so after a crash, a lost link or a restart the upload resumes at the offset the
 * gateway reports instead of starting again. Every PATCH body carries its SHA-256 (tus checksum extension),
 * so bytes damaged on the way are refused by the gateway rather than stored.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Agent } from 'node:https';
import { DefaultHttpStack, Upload, type DetailedError, type HttpRequest, type HttpStack } from 'tus-js-client';
import { CHECKSUM_MISMATCH_STATUS, paths, TUS_VERSION, uploadMetadataKeys } from '../../../shared/gateway/gatewayProtocol';
import type { UploadOutcome } from '../../../shared/sync/syncOutcomes';
import { writeFileAtomically } from '../storage/atomicFile';
import { openIfSealed, type FileSealer } from '../vault/vault';
import { classifyFailure, unreachable } from './gatewayResponses';

/**
 * One PATCH per typical scan (a few MB): the gateway makes every PATCH durable before it answers, so fewer,
 * larger PATCHes cost far less than many small ones, and a reset mid-body still wastes under one file.
 */
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 60_000;
/** Immediate resumes after a dropped connection, before the sync engine's own backoff takes over. */
const RESUME_DELAYS_MS = [0, 500, 2_000];

type PreviousUploads = Awaited<ReturnType<Upload['findPreviousUploads']>>;
type PreviousUpload = PreviousUploads[number];

/**
 * tus-js-client's URL storage as one small JSON file, written atomically. Sealed under the data key: its metadata
 * names the applicant's files. A plaintext file from before encryption is read once and sealed at the next save.
 */
export function createUploadUrlStorage(file: string, atRest: FileSealer) {
  const label = 'uploads';
  let loaded: Promise<Record<string, PreviousUpload>> | null = null;
  const load = () =>
    (loaded ??= readFile(file).then(
      (bytes) => JSON.parse(openIfSealed(atRest, bytes, label).toString('utf8')) as Record<string, PreviousUpload>,
      (): Record<string, PreviousUpload> => ({}),
    ));
  let writes: Promise<void> = Promise.resolve();
  // Not synced: a lost upload URL only means that file is uploaded from its start again.
  const save = (items: Record<string, PreviousUpload>) => (writes = writes.then(() => writeFileAtomically(file, atRest.seal(Buffer.from(JSON.stringify(items)), label), { durable: false })));
  const matching = async (prefix: string) => Object.entries(await load()).filter(([key]) => key.startsWith(prefix)).map(([urlStorageKey, upload]) => ({ ...upload, urlStorageKey }));
  return {
    findAllUploads: () => matching('tus::'),
    findUploadsByFingerprint: (fingerprint: string) => matching(`tus::${fingerprint}::`),
    async removeUpload(urlStorageKey: string) {
      const items = await load();
      delete items[urlStorageKey];
      await save(items);
    },
    async addUpload(fingerprint: string, upload: PreviousUpload) {
      const items = await load();
      // One live upload per file: a new one replaces what a refused resume left behind.
      for (const key of Object.keys(items)) if (key.startsWith(`tus::${fingerprint}::`)) delete items[key];
      const key = `tus::${fingerprint}::${Date.now()}`;
      items[key] = upload;
      await save(items);
      return key;
    },
  };
}

/** Adds Upload-Checksum to every body (a PATCH's or a creation's), bounds every request in time, and counts the body bytes sent. */
class ChecksummingHttpStack implements HttpStack {
  bytesSent = 0;
  private readonly inner: DefaultHttpStack;

  /** The whole file's digest is its content address already: a PATCH carrying all of it needs no hashing. */
  constructor(
    private readonly file: { sha256: string; size: number },
    /** Production's pinned HTTPS agent (gatewayConnection.ts): uploads trust the same certificate as every other call. */
    agent?: Agent,
  ) {
    this.inner = new DefaultHttpStack(agent ? { agent } : {});
  }

  private checksumOf(body: Uint8Array): string {
    if (body.byteLength === this.file.size) return Buffer.from(this.file.sha256, 'hex').toString('base64');
    return createHash('sha256').update(body).digest('base64');
  }

  createRequest(method: string, url: string): HttpRequest {
    const request = this.inner.createRequest(method, url);
    const send = request.send.bind(request);
    request.send = async (body: unknown) => {
      if (body instanceof Uint8Array) {
        // tus-js-client sizes only Blob-like bodies; without a length Node sends chunked, in small pieces.
        request.setHeader('Content-Length', String(body.byteLength));
        request.setHeader('Upload-Checksum', `sha256 ${this.checksumOf(body)}`);
        this.bytesSent += body.byteLength;
      }
      const timer = setTimeout(() => void request.abort(), REQUEST_TIMEOUT_MS);
      try {
        return await send(body);
      } finally {
        clearTimeout(timer);
      }
    };
    return request;
  }

  getName(): string {
    return 'qabyl-checksumming-node';
  }
}

export interface UploadRequest {
  sha256: string;
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  token: string;
}

export interface TusUploader {
  upload(request: UploadRequest): Promise<UploadOutcome>;
}

export function createTusUploader(options: { baseUrl: string; urlStorageFile: string; atRest: FileSealer; agent?: Agent }): TusUploader {
  const urlStorage = createUploadUrlStorage(options.urlStorageFile, options.atRest);

  function classify(error: Error | DetailedError): UploadOutcome {
    const response = 'originalResponse' in error ? error.originalResponse : null;
    if (!response) return unreachable('causingError' in error && error.causingError ? error.causingError : error);
    const status = response.getStatus();
    if (status === CHECKSUM_MISMATCH_STATUS) return { kind: 'checksum_mismatch', detail: response.getBody().slice(0, 300) || 'checksum mismatch' };
    return classifyFailure(status, response.getBody(), response.getHeader('Retry-After'));
  }

  return {
    upload(request) {
      const stack = new ChecksummingHttpStack({ sha256: request.sha256, size: request.bytes.byteLength }, options.agent);
      return new Promise<UploadOutcome>((resolve) => {
        const upload = new Upload(Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength), {
          // Resolved per upload: a production workstation not yet given a gateway address starts all the same.
          endpoint: new URL(paths.uploads, options.baseUrl).toString(),
          chunkSize: UPLOAD_CHUNK_BYTES,
          // creation-with-upload: the POST carries the first chunk, a round trip less per file on a regional link.
          uploadDataDuringCreation: true,
          retryDelays: RESUME_DELAYS_MS,
          // Only a dropped connection or a lock is resumed here; answers from the gateway go to the engine.
          onShouldRetry: (error) => {
            const status = error.originalResponse?.getStatus() ?? 0;
            return status === 0 || status === 409 || status === 423;
          },
          headers: { Authorization: `Bearer ${request.token}`, 'Tus-Resumable': TUS_VERSION },
          metadata: { [uploadMetadataKeys.sha256]: request.sha256, [uploadMetadataKeys.fileName]: request.fileName, [uploadMetadataKeys.mimeType]: request.mimeType },
          fingerprint: async () => `sha256-${request.sha256}`,
          urlStorage,
          storeFingerprintForResuming: true,
          removeFingerprintOnSuccess: true,
          httpStack: stack,
          onSuccess: () => resolve({ kind: 'uploaded', sha256: request.sha256, bytesSent: stack.bytesSent }),
          onError: (error) => resolve(classify(error)),
        });
        upload.findPreviousUploads().then(
          (previous) => {
            if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
            upload.start();
          },
          (error: unknown) => resolve({ kind: 'transient', detail: `upload state unreadable: ${String(error)}` }),
        );
      });
    },
  };
}
