/**
 * Content-addressed store for attached documents: a file's name is its SHA-256, so the same scan stored
 * twice is one file, and the digest signed into the request XML names exactly the bytes that get sent.
 * On disk every file is sealed under the data key (vault/sealedFile) with its address as additional data;
 * the address stays the plaintext's digest. Files from before encryption stay readable until `migrate`
 * seals them.
 */
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { open, readFile, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { HostError } from '../../../shared/host/hostError';
import { isSealed, SealedFileError, SEALED_OVERHEAD_BYTES } from '../vault/sealedFile';
import { openIfSealed, type FileSealer } from '../vault/vault';
import { writeFileAtomically } from './atomicFile';
import { namesIn, removeIfOlder } from './storeSweep';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export interface DocumentStore {
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Uint8Array>;
  /** The document's own (plaintext) size, without reading the file. */
  size(sha256: string): Promise<number>;
  /** Deletes these documents; ones already gone are not an error. How many files it removed. */
  purge(sha256s: readonly string[]): Promise<number>;
  /** Seals the files stored in plaintext before encryption came; how many. Safe beside normal use. */
  migrate(): Promise<{ sealed: number }>;
  /**
   * Start-up clean-up: removes stored files (and torn temp files) not in `referenced` and older than `startedAt`;
   * answers which referenced files are missing.
   */
  sweep(referenced: ReadonlySet<string>, startedAt: Date): Promise<{ removed: number; missing: string[] }>;
}

const ADDRESS = /^[0-9a-f]{64}$/;
const digestOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A stored file's stats and whether it is sealed, from its first bytes only; null when there is none. */
async function inspectStored(path: string): Promise<{ stats: Stats; sealed: boolean } | null> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const [stats, { buffer, bytesRead }] = await Promise.all([handle.stat(), handle.read(Buffer.alloc(4), 0, 4, 0)]);
    return { stats, sealed: isSealed(buffer.subarray(0, bytesRead)) };
  } finally {
    await handle.close();
  }
}

/** The plaintext size of a stored file from its length and first bytes, or null when there is none. */
async function plaintextSize(path: string): Promise<number | null> {
  const found = await inspectStored(path);
  return found && (found.sealed ? found.stats.size - SEALED_OVERHEAD_BYTES : found.stats.size);
}

export function createDocumentStore(folder: string, sealer: FileSealer): DocumentStore {
  const pathOf = (sha256: string) => {
    if (!ADDRESS.test(sha256)) throw new HostError('documents.notFound');
    return join(folder, sha256.slice(0, 2), sha256);
  };
  // One writer per file: the migration re-sealing a file must not bring back one purged meanwhile.
  const writers = new Map<string, Promise<unknown>>();
  const exclusive = <T>(sha256: string, work: () => Promise<T>): Promise<T> => {
    const next = (writers.get(sha256) ?? Promise.resolve()).then(work, work);
    const settled = next.catch(() => undefined);
    writers.set(sha256, settled);
    void settled.then(() => writers.get(sha256) === settled && writers.delete(sha256));
    return next;
  };

  return {
    async put(bytes) {
      if (bytes.byteLength === 0) throw new HostError('documents.empty');
      if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw new HostError('documents.tooLarge');
      const sha256 = digestOf(bytes);
      const path = pathOf(sha256);
      await exclusive(sha256, async () => {
        if ((await plaintextSize(path)) !== bytes.byteLength) await writeFileAtomically(path, sealer.seal(bytes, sha256));
        // Stored again now: the start-up sweep must see it as this run's, not as an old leftover.
        else await utimes(path, new Date(), new Date());
      });
      return { sha256, size: bytes.byteLength };
    },
    async get(sha256) {
      const stored = await readFile(pathOf(sha256)).catch(() => {
        throw new HostError('documents.notFound');
      });
      let bytes: Uint8Array;
      try {
        bytes = openIfSealed(sealer, stored, sha256);
      } catch (error) {
        if (error instanceof SealedFileError) throw new HostError('documents.notFound', error.message);
        throw error;
      }
      // A file altered on disk must not travel under the digest the operator signed.
      if (digestOf(bytes) !== sha256) throw new HostError('documents.notFound', 'digest mismatch');
      return bytes;
    },
    async size(sha256) {
      const size = await plaintextSize(pathOf(sha256));
      if (size === null) throw new HostError('documents.notFound');
      return size;
    },
    async purge(sha256s) {
      let removed = 0;
      for (const sha256 of sha256s) {
        const path = pathOf(sha256);
        await exclusive(sha256, async () => {
          if ((await stat(path).catch(() => null)) === null) return;
          await rm(path, { force: true });
          removed += 1;
        });
      }
      return removed;
    },
    async migrate() {
      let sealed = 0;
      for (const prefix of await namesIn(folder)) {
        for (const name of await namesIn(join(folder, prefix))) {
          if (!ADDRESS.test(name) || name.slice(0, 2) !== prefix) continue;
          const path = join(folder, prefix, name);
          await exclusive(name, async () => {
            // Only the first bytes of a file sealed already are read.
            const found = await inspectStored(path);
            if (!found || found.sealed) return;
            const bytes = await readFile(path);
            // A plaintext file that no longer matches its name stays as it is: get() refuses it either way.
            if (isSealed(bytes) || digestOf(bytes) !== name) return;
            await writeFileAtomically(path, sealer.seal(bytes, name));
            // Its age is what the start-up sweep judges by: sealing is not storing anew.
            await utimes(path, found.stats.atime, found.stats.mtime);
            sealed += 1;
          });
        }
      }
      return { sealed };
    },
    async sweep(referenced, startedAt) {
      let removed = 0;
      const present = new Set<string>();
      for (const prefix of await namesIn(folder)) {
        for (const name of await namesIn(join(folder, prefix))) {
          // Beside a put of the same bytes, which makes an old file this run's again.
          const gone = !referenced.has(name) && (await exclusive(name, () => removeIfOlder(join(folder, prefix, name), startedAt)));
          if (gone) removed += 1;
          else present.add(name);
        }
      }
      return { removed, missing: [...referenced].filter((sha256) => !present.has(sha256)) };
    },
  };
}
