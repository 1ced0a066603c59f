/**
 * Sealing of personal fields in the renderer's store and the keyed (blind) index keys that keep look-ups working.
 * Synchronous on purpose (pure-JS AES-GCM and HMAC-SHA256): awaiting WebCrypto inside an IndexedDB transaction lets
 * the transaction commit underneath, so the Dexie middleware that seals rows can only use crypto that never awaits.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** The two keys the host hands over (`vault.keys`): one encrypts, the other only computes index keys. */
export interface FieldKeys {
  fieldKey: Uint8Array;
  indexKey: Uint8Array;
}

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
/** 64 bits of the HMAC: no collision among millions of index entries, and still short keys in every index. */
const BLIND_KEY_BYTES = 8;

export class FieldKeyError extends Error {
  override name = 'FieldKeyError';
}

function keyFromBase64(base64: string, which: string): Uint8Array {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  if (bytes.length !== KEY_BYTES) throw new FieldKeyError(`${which} must be ${KEY_BYTES} bytes, got ${bytes.length}`);
  return bytes;
}

export function fieldKeysFromBase64(keys: { fieldKeyBase64: string; indexKeyBase64: string }): FieldKeys {
  const fieldKey = keyFromBase64(keys.fieldKeyBase64, 'field key');
  const indexKey = keyFromBase64(keys.indexKeyBase64, 'index key');
  // The host derives the two apart; equal bytes mean a broken derivation, not a choice to accept.
  if (fieldKey.every((byte, i) => byte === indexKey[i])) throw new FieldKeyError('field key and index key must differ');
  return { fieldKey, indexKey };
}

export interface FieldCipher {
  /** JSON of `value` under AES-256-GCM with a fresh nonce: nonce ‖ ciphertext ‖ tag. `context` is bound as AAD. */
  seal(value: unknown, context: string): Uint8Array;
  /** The value `seal` was given; throws if the bytes or their context were changed. */
  open(sealed: Uint8Array, context: string): unknown;
  /** A keyed hash of `text` for an index: equal texts give equal keys, nothing about the text shows without the key. */
  blindKey(purpose: string, text: string): string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function createFieldCipher(keys: FieldKeys): FieldCipher {
  const keyedHash = hmac.create(sha256, keys.indexKey);
  return {
    seal(value, context) {
      const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
      const ciphertext = gcm(keys.fieldKey, nonce, encoder.encode(context)).encrypt(encoder.encode(JSON.stringify(value)));
      const sealed = new Uint8Array(NONCE_BYTES + ciphertext.length);
      sealed.set(nonce);
      sealed.set(ciphertext, NONCE_BYTES);
      return sealed;
    },
    open(sealed, context) {
      const plain = gcm(keys.fieldKey, sealed.subarray(0, NONCE_BYTES), encoder.encode(context)).decrypt(sealed.subarray(NONCE_BYTES));
      return JSON.parse(decoder.decode(plain)) as unknown;
    },
    blindKey(purpose, text) {
      // The purpose is hashed in, so an IIN prefix and a name prefix of the same text never share a key.
      const digest = keyedHash.clone().update(encoder.encode(`${purpose}\u0000${text}`)).digest();
      let hex = '';
      for (let i = 0; i < BLIND_KEY_BYTES; i += 1) hex += digest[i]!.toString(16).padStart(2, '0');
      return hex;
    },
  };
}
