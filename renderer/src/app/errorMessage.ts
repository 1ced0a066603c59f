import { HostCallError } from '../host/hostClient';
import type { MessageKey } from '../i18n/i18n';

/** Which message any failure gets; the bad-input corpus checks every refusal through this same choice. */
export function errorMessageOf(error: unknown): { key: MessageKey; values?: { detail?: string } } {
  // The detail fills messages that carry one (the minutes of a lockout); the others do not mention it.
  if (error instanceof HostCallError) return { key: `errors.${error.code}`, values: { detail: error.detail } };
  return { key: 'errors.unexpected' };
}
