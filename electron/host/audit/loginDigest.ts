/**
 * What the audit log keeps of a failed login: a keyed hash (HMAC-SHA256) of the login as typed, never the text,
 * since a password typed into the login field by mistake would otherwise end up in a legal record. Keyed by the
 * vault (derived from the data key, so a backup restores it with the log): someone holding the log alone cannot
 * test guesses against it, while repeated failures on one login still show as one value.
 */
import { createHmac } from 'node:crypto';

/** Hex digits kept: 64 bits tell the few logins of a workstation apart and say nothing more. */
const DIGEST_HEX = 16;

/** Folded as accounts compare logins (trimmed, lower case), so `Aigul ` and `aigul` are one value. */
export function loginDigest(key: Uint8Array, login: string): string {
  return `login:${createHmac('sha256', key).update(login.trim().toLowerCase(), 'utf8').digest('hex').slice(0, DIGEST_HEX)}`;
}
