import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, openSealedFile, SEALED_OVERHEAD_BYTES, sealFile } from './sealedFile';

const key = randomBytes(32);
const label = 'a'.repeat(64);
const plaintext = Buffer.from('%PDF-1.7 ЖЕКЕ КУӘЛІК 900101300123');

describe('sealed files', () => {
  it('round-trips, with a fresh IV each time and a known overhead', () => {
    const first = sealFile(key, plaintext, label);
    const second = sealFile(key, plaintext, label);
    expect(isSealed(first)).toBe(true);
    expect(first.equals(second)).toBe(false);
    expect(first.byteLength).toBe(plaintext.byteLength + SEALED_OVERHEAD_BYTES);
    expect(first.includes(Buffer.from('900101300123'))).toBe(false);
    expect(openSealedFile(key, first, label).equals(plaintext)).toBe(true);
  });

  it('refuses a flipped byte anywhere: header, body or tag', () => {
    const sealed = sealFile(key, plaintext, label);
    for (const at of [5, 9, 25, sealed.byteLength - 1]) {
      const flipped = Buffer.from(sealed);
      flipped[at]! ^= 0x01;
      expect(() => openSealedFile(key, flipped, label), `byte ${at}`).toThrow(/altered|another workstation/);
    }
  });

  it('refuses a file moved under another name', () => {
    expect(() => openSealedFile(key, sealFile(key, plaintext, label), 'b'.repeat(64))).toThrow(expect.objectContaining({ problem: 'tampered' }));
  });

  it('refuses a truncated file, however short', () => {
    const sealed = sealFile(key, plaintext, label);
    expect(() => openSealedFile(key, sealed.subarray(0, sealed.byteLength - 3), label)).toThrow(expect.objectContaining({ problem: 'tampered' }));
    expect(() => openSealedFile(key, sealed.subarray(0, 20), label)).toThrow(expect.objectContaining({ problem: 'truncated' }));
    expect(() => openSealedFile(key, sealed.subarray(0, 4), label)).toThrow(expect.objectContaining({ problem: 'truncated' }));
  });

  it('tells another key apart from damage, and plaintext from a sealed file', () => {
    const sealed = sealFile(key, plaintext, label);
    expect(() => openSealedFile(randomBytes(32), sealed, label)).toThrow(expect.objectContaining({ problem: 'wrongKey' }));
    expect(() => openSealedFile(key, plaintext, label)).toThrow(expect.objectContaining({ problem: 'notSealed' }));
    const future = Buffer.from(sealed);
    future[4] = 2;
    expect(() => openSealedFile(key, future, label)).toThrow(expect.objectContaining({ problem: 'unsupportedVersion' }));
  });
});
