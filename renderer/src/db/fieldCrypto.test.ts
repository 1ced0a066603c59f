import { describe, expect, it } from 'vitest';
import { createFieldCipher, FieldKeyError, fieldKeysFromBase64 } from './fieldCrypto';

const random32 = () => crypto.getRandomValues(new Uint8Array(32));
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const cipher = createFieldCipher({ fieldKey: random32(), indexKey: random32() });

describe('field cipher', () => {
  it('opens what it sealed, with a fresh nonce each time and no plaintext in the bytes', () => {
    const value = { applicantIin: '900101300012', applicant: { surname: 'Сейітов' } };
    const first = cipher.seal(value, 'requests/1');
    const second = cipher.seal(value, 'requests/1');
    expect(cipher.open(first, 'requests/1')).toEqual(value);
    expect(first).not.toEqual(second);
    const asText = new TextDecoder('latin1').decode(first) + new TextDecoder().decode(first);
    expect(asText).not.toContain('900101300012');
    expect(asText).not.toContain('Сейітов');
  });

  it('refuses a changed byte, another context or another key', () => {
    const sealed = cipher.seal({ iin: '900101300012' }, 'applicants/a');
    const changed = sealed.slice();
    changed[20]! ^= 1;
    expect(() => cipher.open(changed, 'applicants/a')).toThrow();
    expect(() => cipher.open(sealed, 'applicants/b')).toThrow();
    expect(() => createFieldCipher({ fieldKey: random32(), indexKey: random32() }).open(sealed, 'applicants/a')).toThrow();
  });

  it('gives equal blind keys for equal texts, apart per purpose and per key', () => {
    const key = cipher.blindKey('iin', '900101300012');
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(cipher.blindKey('iin', '900101300012')).toBe(key);
    expect(cipher.blindKey('iin-prefix', '900101300012')).not.toBe(key);
    expect(cipher.blindKey('iin', '900101300013')).not.toBe(key);
    expect(createFieldCipher({ fieldKey: random32(), indexKey: random32() }).blindKey('iin', '900101300012')).not.toBe(key);
  });
});

describe('fieldKeysFromBase64', () => {
  it('takes two different 32-byte keys and refuses anything else', () => {
    const [a, b] = [random32(), random32()];
    expect(fieldKeysFromBase64({ fieldKeyBase64: base64(a), indexKeyBase64: base64(b) })).toEqual({ fieldKey: a, indexKey: b });
    expect(() => fieldKeysFromBase64({ fieldKeyBase64: base64(a.slice(0, 16)), indexKeyBase64: base64(b) })).toThrow(FieldKeyError);
    expect(() => fieldKeysFromBase64({ fieldKeyBase64: base64(a), indexKeyBase64: base64(a) })).toThrow(FieldKeyError);
  });
});
