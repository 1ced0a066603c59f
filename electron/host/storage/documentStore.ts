/**
 * Content-addressed store for attached documents: a file's name is its SHA-256, so the same scan stored
 * twice is one file, and the digest signed into the request XML names exactly the bytes that get sent.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HostError } from '../../../shared/host/hostError';
import { writeFileAtomically } from './atomicFile';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export interface DocumentStore {
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Uint8Array>;
  /** The stored file's size, without reading it. */
  size(sha256: string): Promise<number>;
}

export function createDocumentStore(folder: string): DocumentStore {
  const pathOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new HostError('documents.notFound');
    return join(folder, sha256.slice(0, 2), sha256);
  };
  return {
    async put(bytes) {
      if (bytes.byteLength === 0) throw new HostError('documents.empty');
      if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw new HostError('documents.tooLarge');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = pathOf(sha256);
      const existing = await stat(path).catch(() => null);
      if (existing?.size !== bytes.byteLength) await writeFileAtomically(path, bytes);
      return { sha256, size: bytes.byteLength };
    },
    async get(sha256) {
      const bytes = await readFile(pathOf(sha256)).catch(() => {
        throw new HostError('documents.notFound');
      });
      // A file altered on disk must not travel under the digest the operator signed.
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new HostError('documents.notFound', 'digest mismatch');
      return bytes;
    },
    async size(sha256) {
      const found = await stat(pathOf(sha256)).catch(() => {
        throw new HostError('documents.notFound');
      });
      return found.size;
    },
  };
}
