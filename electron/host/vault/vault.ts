/**
 * The workstation's data key: 32 random bytes made on first start, kept on disk only wrapped by a
 * KeyProtector in `<dataDir>/vault/data-key.json`. Everything the host seals (documents, scan pages, outgoing
 * CMS) and the renderer's field keys come from it. Backup and restore carry it (dataKey / replaceDataKey).
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../storage/atomicFile';
import { VaultError, type KeyProtector } from './keyProtector';
import { DATA_KEY_BYTES, isSealed, openSealedFile, sealFile } from './sealedFile';

export const DATA_KEY_FILE = 'data-key.json';
const FORMAT = 'qabyl-data-key';

interface DataKeyFile {
  format: typeof FORMAT;
  version: 1;
  protector: KeyProtector['kind'];
  wrappedBase64: string;
  createdAt: string;
}

export interface Vault {
  protectorKind: KeyProtector['kind'];
  /** A copy of the data key, for an encrypted backup to carry. */
  dataKey(): Buffer;
  /** Restore onto this workstation: the backup's key, wrapped by this machine's protector, replaces the current one. */
  replaceDataKey(key: Buffer): Promise<void>;
  /** Seal / open under the current data key; `label` binds the file to its name (see sealedFile). */
  seal(plaintext: Uint8Array, label: string): Buffer;
  open(sealed: Uint8Array, label: string): Buffer;
  /** The renderer's keys for Dexie's personal fields and its keyed IIN index. */
  fieldKeys(): { fieldKey: Buffer; indexKey: Buffer };
  /** The key of the audit log's keyed hash of a typed login (audit/loginDigest.ts). */
  auditLoginKey(): Buffer;
}

/** What a store of sealed files needs of the vault: the current key, whatever backup restore swapped in. */
export type FileSealer = Pick<Vault, 'seal' | 'open'>;

/** A file kept before encryption came is plaintext and read as it is; a sealed one is opened (and checked). */
export function openIfSealed(sealer: FileSealer, stored: Buffer, label: string): Buffer {
  return isSealed(stored) ? sealer.open(stored, label) : stored;
}

/** Seals under one fixed key: a backup's own key, or a throw-away one where no workstation key exists (tests, benchmarks). */
export function keySealer(key: Uint8Array = randomBytes(DATA_KEY_BYTES)): FileSealer {
  return { seal: (plaintext, label) => sealFile(key, plaintext, label), open: (sealed, label) => openSealedFile(key, sealed, label) };
}

export const FIELD_KEY_INFO = 'qabyl/dexie-fields/v1';
export const INDEX_KEY_INFO = 'qabyl/lookup-index/v1';
export const AUDIT_LOGIN_KEY_INFO = 'qabyl/audit-login/v1';

/** HKDF-SHA256 with no salt: the data key is already uniformly random, the info strings keep the keys apart. */
export function deriveKey(dataKey: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
}

function parseKeyFile(text: string): DataKeyFile {
  try {
    const parsed = JSON.parse(text) as Partial<DataKeyFile>;
    if (parsed.format === FORMAT && parsed.version === 1 && (parsed.protector === 'secret' || parsed.protector === 'safeStorage') && typeof parsed.wrappedBase64 === 'string') return parsed as DataKeyFile;
  } catch {
    // falls through to the refusal below
  }
  throw new VaultError('keyFileDamaged');
}

/** Opens (or on first start creates) the data key in `folder`. A wrong secret throws before anything is written. */
export async function openVault(options: { folder: string; protector: KeyProtector; now?: () => Date }): Promise<Vault> {
  const { protector } = options;
  const file = join(options.folder, DATA_KEY_FILE);
  const store = async (key: Buffer) => {
    const record: DataKeyFile = { format: FORMAT, version: 1, protector: protector.kind, wrappedBase64: (await protector.wrap(key)).toString('base64'), createdAt: (options.now?.() ?? new Date()).toISOString() };
    await writeFileAtomically(file, `${JSON.stringify(record, null, 2)}\n`);
  };

  let key: Buffer;
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) {
    key = randomBytes(DATA_KEY_BYTES);
    await store(key);
  } else {
    const record = parseKeyFile(text);
    if (record.protector !== protector.kind) throw new VaultError('protectorChanged', `stored: ${record.protector}, now: ${protector.kind}`);
    key = await protector.unwrap(Buffer.from(record.wrappedBase64, 'base64'));
    if (key.byteLength !== DATA_KEY_BYTES) throw new VaultError('keyFileDamaged');
  }

  return {
    protectorKind: protector.kind,
    dataKey: () => Buffer.from(key),
    async replaceDataKey(replacement) {
      if (replacement.byteLength !== DATA_KEY_BYTES) throw new RangeError(`a data key is ${DATA_KEY_BYTES} bytes`);
      const copy = Buffer.from(replacement);
      await store(copy);
      key = copy;
    },
    seal: (plaintext, label) => sealFile(key, plaintext, label),
    open: (sealed, label) => openSealedFile(key, sealed, label),
    fieldKeys: () => ({ fieldKey: deriveKey(key, FIELD_KEY_INFO), indexKey: deriveKey(key, INDEX_KEY_INFO) }),
    auditLoginKey: () => deriveKey(key, AUDIT_LOGIN_KEY_INFO),
  };
}
