/**
 * The backup file: one stream encrypted under an administrator's passphrase, written and read in 1 MiB chunks
 * so a backup of any size never sits in memory.
 *
 *   header: magic 'QABYLBAK' (8) | version (1) | scrypt log2 N, r, p (3) | salt (16) | key check (16)
 *   chunk:  ciphertext length (4) | IV (12) | AES-256-GCM ciphertext + tag
 *
 * Each chunk's additional data is the header, its sequence number and a final-chunk flag, so a chunk moved,
 * dropped, repeated or cut off, or a stream missing its end, fails to open. Chunk 0 is a fixed-size slot for
 * the manifest, written last (in place) because only then are the counts known; inspecting a backup reads
 * the header and that one chunk. The key check (from the same scrypt output, not the encryption key) tells
 * a wrong passphrase apart from a damaged file.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { HostError } from '../../../shared/host/hostError';

const MAGIC = Buffer.from('QABYLBAK', 'latin1');
export const BACKUP_FILE_VERSION = 1;
const SALT_BYTES = 16;
const CHECK_BYTES = 16;
export const HEADER_BYTES = MAGIC.length + 1 + 3 + SALT_BYTES + CHECK_BYTES;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const CHUNK_PREFIX_BYTES = 4 + IV_BYTES;
export const CHUNK_BYTES = 1024 * 1024;
/** The manifest's plaintext slot (chunk 0): counts per table and a few names fit many times over. */
export const MANIFEST_SLOT_BYTES = 16 * 1024;

export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}
/** About half a second and 128 MiB once per backup or restore: each passphrase guess costs the same. */
export const DEFAULT_SCRYPT: ScryptParams = { logN: 17, r: 8, p: 1 };
/**
 * The parameters a backup is opened with: what this version writes, and the two cheaper steps below it (tests
 * write logN 15). The header is read before any passphrase is checked, so whoever hands us a file chooses them:
 * a crafted logN 20, r 16, p 4 would cost 18 s and 2.2 GB per attempt. Nothing here costs more than a real backup.
 */
const isAcceptedScrypt = ({ logN, r, p }: ScryptParams) => logN >= 15 && logN <= DEFAULT_SCRYPT.logN && r === DEFAULT_SCRYPT.r && p === DEFAULT_SCRYPT.p;
/** One derivation at a time on the reading side, so parallel inspects cannot add their memory up. */
let derivingForRead: Promise<unknown> = Promise.resolve();

export const damaged = (detail: string) => new HostError('backup.damaged', detail);

interface Keys {
  encryption: Buffer;
  check: Buffer;
}

/**
 * A passphrase's scrypt output with the salt and parameters it came from. An unattended writer (automaticBackup.ts)
 * keeps this, sealed, instead of the passphrase: it writes files that passphrase opens, and reveals nothing of it.
 */
export interface DerivedBackupKey {
  salt: Buffer;
  params: ScryptParams;
  material: Buffer;
}

export async function deriveBackupKey(passphrase: string, params: ScryptParams = DEFAULT_SCRYPT, salt: Buffer = randomBytes(SALT_BYTES)): Promise<DerivedBackupKey> {
  const N = 2 ** params.logN;
  const material = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 64, { N, r: params.r, p: params.p, maxmem: 256 * N * params.r }, (error, key) => (error ? reject(error) : resolve(key))),
  );
  return { salt, params, material };
}

function keysOf({ material }: DerivedBackupKey): Keys {
  return { encryption: material.subarray(0, 32), check: createHmac('sha256', material.subarray(32)).update('qabyl/backup-check/v1').digest().subarray(0, CHECK_BYTES) };
}

const deriveKeys = async (passphrase: string, salt: Buffer, params: ScryptParams): Promise<Keys> => keysOf(await deriveBackupKey(passphrase, params, salt));

function chunkAad(header: Buffer, seq: number, final: boolean): Buffer {
  const trailer = Buffer.alloc(5);
  trailer.writeUInt32BE(seq, 0);
  trailer[4] = final ? 1 : 0;
  return Buffer.concat([header, trailer]);
}

function sealChunk(keys: Keys, header: Buffer, seq: number, final: boolean, plaintext: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
  cipher.setAAD(chunkAad(header, seq, final));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.byteLength, 0);
  return Buffer.concat([length, iv, body]);
}

export interface BackupFileWriter {
  /** Appends plaintext; it leaves in whole chunks as they fill. */
  write(bytes: Uint8Array): Promise<void>;
  /** Writes the last chunk and the manifest slot, syncs and closes; returns the file's size. */
  finish(manifest: unknown): Promise<number>;
  /** Closes without finishing (the caller removes the file). */
  abort(): Promise<void>;
}

function manifestSlot(manifest: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  if (json.byteLength > MANIFEST_SLOT_BYTES) throw new RangeError('the backup manifest does not fit its slot');
  return Buffer.concat([json, Buffer.alloc(MANIFEST_SLOT_BYTES - json.byteLength, 0x20)]);
}

/** `secret`: a passphrase (a fresh salt per file), or a key derived from one ahead of time (its salt in every file). */
export async function createBackupFileWriter(path: string, secret: string | DerivedBackupKey, scryptParams: ScryptParams = DEFAULT_SCRYPT): Promise<BackupFileWriter> {
  const derived = typeof secret === 'string' ? await deriveBackupKey(secret, scryptParams) : secret;
  const { salt, params } = derived;
  const keys = keysOf(derived);
  const header = Buffer.concat([MAGIC, Buffer.from([BACKUP_FILE_VERSION, params.logN, params.r, params.p]), salt, keys.check]);
  const handle = await open(path, 'wx', 0o600);
  let position = 0;
  const append = async (bytes: Buffer) => {
    await handle.write(bytes, 0, bytes.byteLength, position);
    position += bytes.byteLength;
  };
  await append(header);
  // A placeholder of the manifest's exact sealed size, so the real one later fits the same bytes.
  await append(sealChunk(keys, header, 0, false, manifestSlot({})));
  let seq = 1;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (final: boolean) => {
    const plaintext = Buffer.concat(pending);
    let offset = 0;
    while (plaintext.byteLength - offset >= CHUNK_BYTES) {
      await append(sealChunk(keys, header, seq++, false, plaintext.subarray(offset, offset + CHUNK_BYTES)));
      offset += CHUNK_BYTES;
    }
    // The final chunk may be empty: the flag, not its size, marks the end.
    if (final) await append(sealChunk(keys, header, seq++, true, plaintext.subarray(offset)));
    pending = final ? [] : [plaintext.subarray(offset)];
    pendingBytes = final ? 0 : plaintext.byteLength - offset;
  };
  return {
    async write(bytes) {
      pending.push(Buffer.from(bytes));
      pendingBytes += bytes.byteLength;
      if (pendingBytes >= CHUNK_BYTES) await flush(false);
    },
    async finish(manifest) {
      try {
        await flush(true);
        const sealed = sealChunk(keys, header, 0, false, manifestSlot(manifest));
        await handle.write(sealed, 0, sealed.byteLength, HEADER_BYTES);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return position;
    },
    abort: () => handle.close(),
  };
}

export interface ChunkPlace {
  /** Byte offset of the chunk in the file. */
  offset: number;
  seq: number;
}

export interface BackupFileReader {
  manifest: unknown;
  /** The file's chunks after the manifest, from `from` on (the first data chunk by default), checked as they come. */
  chunks(from?: ChunkPlace): AsyncGenerator<{ place: ChunkPlace; plaintext: Buffer }>;
  close(): Promise<void>;
}

async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead < length) throw damaged('truncated');
  return buffer;
}

/** Opens a backup: refuses a file that is not one, a wrong passphrase, and a damaged manifest before anything else is read. */
export async function openBackupFile(path: string, passphrase: string): Promise<BackupFileReader> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new HostError('backup.fileNotFound', error.code);
  });
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(HEADER_BYTES);
    await handle.read(header, 0, HEADER_BYTES, 0);
    if (size < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) throw new HostError('backup.notABackup');
    if (header[MAGIC.length] !== BACKUP_FILE_VERSION) throw new HostError('backup.notABackup', `format version ${header[MAGIC.length]}`);
    const params: ScryptParams = { logN: header[MAGIC.length + 1]!, r: header[MAGIC.length + 2]!, p: header[MAGIC.length + 3]! };
    if (!isAcceptedScrypt(params)) throw damaged('key parameters');
    const derivation = derivingForRead.then(() => deriveKeys(passphrase, header.subarray(MAGIC.length + 4, MAGIC.length + 4 + SALT_BYTES), params));
    derivingForRead = derivation.catch(() => undefined);
    const keys = await derivation;
    if (!keys.check.equals(header.subarray(HEADER_BYTES - CHECK_BYTES))) throw new HostError('backup.wrongPassphrase');

    const readChunk = async ({ offset, seq }: ChunkPlace) => {
      const prefix = await readExactly(handle, offset, CHUNK_PREFIX_BYTES);
      const length = prefix.readUInt32BE(0);
      if (length < TAG_BYTES || length > CHUNK_BYTES + TAG_BYTES) throw damaged(`chunk ${seq} length`);
      const body = await readExactly(handle, offset + CHUNK_PREFIX_BYTES, length);
      const decrypt = (final: boolean) => {
        const decipher = createDecipheriv('aes-256-gcm', keys.encryption, prefix.subarray(4));
        decipher.setAAD(chunkAad(header, seq, final));
        decipher.setAuthTag(body.subarray(length - TAG_BYTES));
        return Buffer.concat([decipher.update(body.subarray(0, length - TAG_BYTES)), decipher.final()]);
      };
      const next = offset + CHUNK_PREFIX_BYTES + length;
      // The flag is not stored in clear: a chunk opens under exactly one of the two, or it was altered.
      for (const final of [false, true]) {
        try {
          return { plaintext: decrypt(final), final, next };
        } catch {
          // try the other flag
        }
      }
      throw damaged(`chunk ${seq}`);
    };

    const manifestChunk = await readChunk({ offset: HEADER_BYTES, seq: 0 });
    if (manifestChunk.final) throw damaged('no data after the manifest');
    let manifest: unknown;
    try {
      manifest = JSON.parse(manifestChunk.plaintext.toString('utf8'));
    } catch {
      throw damaged('manifest');
    }
    const firstData: ChunkPlace = { offset: manifestChunk.next, seq: 1 };
    return {
      manifest,
      async *chunks(from = firstData) {
        let place = from;
        for (;;) {
          const chunk = await readChunk(place);
          yield { place, plaintext: chunk.plaintext };
          if (chunk.final) {
            if (chunk.next !== size) throw damaged('data after the final chunk');
            return;
          }
          place = { offset: chunk.next, seq: place.seq + 1 };
        }
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
