/**
 * The sealed-file format for everything the host keeps about citizens on disk: AES-256-GCM under the
 * workstation's data key, a fresh 96-bit IV per file, and a small header that says what the file is.
 *
 *   magic 'QBSL' (4) | version (1) | key check (4) | IV (12) | ciphertext | GCM tag (16)
 *
 * The header and a label (a document's content address, a batch page's path) are the GCM additional data,
 * so a sealed file copied under another name, or with its header edited, fails to open. The key check
 * (4 bytes of an HMAC of the key) tells "sealed under another workstation's key" apart from "damaged".
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('QBSL', 'latin1');
const VERSION = 1;
const KEY_CHECK_BYTES = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SEALED_HEADER_BYTES = MAGIC.length + 1 + KEY_CHECK_BYTES + IV_BYTES;
/** What sealing adds to a file's size: its plaintext size is the sealed size minus this. */
export const SEALED_OVERHEAD_BYTES = SEALED_HEADER_BYTES + TAG_BYTES;
export const DATA_KEY_BYTES = 32;

export type SealedFileProblem = 'notSealed' | 'truncated' | 'unsupportedVersion' | 'wrongKey' | 'tampered';

const problemText: Record<SealedFileProblem, string> = {
  notSealed: 'the file is not a sealed Qabyl file',
  truncated: 'the sealed file is cut short',
  unsupportedVersion: 'the sealed file has a format version this build does not know',
  wrongKey: "the file was sealed under another workstation's data key",
  tampered: 'the sealed file was altered, or belongs under another name',
};

export class SealedFileError extends Error {
  constructor(readonly problem: SealedFileProblem) {
    super(problemText[problem]);
    this.name = 'SealedFileError';
  }
}

function checkKey(key: Uint8Array): void {
  if (key.byteLength !== DATA_KEY_BYTES) throw new RangeError(`a data key is ${DATA_KEY_BYTES} bytes, not ${key.byteLength}`);
}

function keyCheckOf(key: Uint8Array): Buffer {
  return createHmac('sha256', key).update('qabyl/key-check/v1').digest().subarray(0, KEY_CHECK_BYTES);
}

/** True when the bytes start like a sealed file (legacy plaintext files never do: they are PDFs and JSON). */
export function isSealed(bytes: Uint8Array): boolean {
  return bytes.byteLength >= MAGIC.length && Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC);
}

export function sealFile(key: Uint8Array, plaintext: Uint8Array, label: string): Buffer {
  checkKey(key);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), keyCheckOf(key), randomBytes(IV_BYTES)]);
  const cipher = createCipheriv('aes-256-gcm', key, header.subarray(SEALED_HEADER_BYTES - IV_BYTES));
  cipher.setAAD(Buffer.concat([header, Buffer.from(label, 'utf8')]));
  return Buffer.concat([header, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

export function openSealedFile(key: Uint8Array, sealed: Uint8Array, label: string): Buffer {
  checkKey(key);
  if (!isSealed(sealed)) throw new SealedFileError('notSealed');
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.byteLength <= MAGIC.length) throw new SealedFileError('truncated');
  if (bytes[MAGIC.length] !== VERSION) throw new SealedFileError('unsupportedVersion');
  if (bytes.byteLength < SEALED_OVERHEAD_BYTES) throw new SealedFileError('truncated');
  const header = bytes.subarray(0, SEALED_HEADER_BYTES);
  if (!header.subarray(MAGIC.length + 1, MAGIC.length + 1 + KEY_CHECK_BYTES).equals(keyCheckOf(key))) throw new SealedFileError('wrongKey');
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(SEALED_HEADER_BYTES - IV_BYTES));
  decipher.setAAD(Buffer.concat([header, Buffer.from(label, 'utf8')]));
  decipher.setAuthTag(bytes.subarray(bytes.byteLength - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(SEALED_HEADER_BYTES, bytes.byteLength - TAG_BYTES)), decipher.final()]);
  } catch {
    // GCM cannot say which byte changed; a file cut short past its header lands here too.
    throw new SealedFileError('tampered');
  }
}
