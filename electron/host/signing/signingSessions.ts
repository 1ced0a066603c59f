/**
 * One signing act = one ticket. The renderer opens a ticket and shows the host's prompt for it; the
 * password goes from that prompt straight to the key store here, and only the signed XML goes back.
 */
import { randomBytes } from 'node:crypto';
import { HostError } from '../../../shared/host/hostError';
import type { HostResult } from '../../../shared/host/hostApi';
import type { AttachmentToSign, KeyStore, SignedPackage, SigningPolicy } from '../keys/keyStore';

const MAX_WRONG_PASSWORDS = 5;
const SESSION_LIFETIME_MS = 10 * 60 * 1000;

interface Session {
  keyId: string;
  expectedIin: string;
  xml: string;
  attachments: AttachmentToSign[];
  wrongPasswords: number;
  expiresAt: number;
  busy: boolean;
  outcome?: { state: 'cancelled' } | ({ state: 'signed' } & SignedPackage);
}

export interface SigningSessions {
  open(request: { keyId: string; expectedIin: string; xml: string; attachments: AttachmentToSign[] }): string;
  describe(ticket: string): { keyId: string; finished: boolean };
  submitPassword(ticket: string, password: string): Promise<void>;
  cancel(ticket: string): void;
  result(ticket: string): HostResult<'signing.result'>;
}

export function createSigningSessions(options: {
  keyStore: KeyStore;
  trust: SigningPolicy['trust'];
  checkRevocation: SigningPolicy['checkRevocation'];
  now?: () => number;
}): SigningSessions {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();

  const live = (ticket: string): Session => {
    const session = sessions.get(ticket);
    if (!session || session.expiresAt < now()) {
      sessions.delete(ticket);
      throw new HostError('signing.unknownTicket');
    }
    return session;
  };

  return {
    open({ keyId, expectedIin, xml, attachments }) {
      for (const [ticket, session] of sessions) if (session.expiresAt < now()) sessions.delete(ticket);
      const ticket = randomBytes(24).toString('base64url');
      sessions.set(ticket, { keyId, expectedIin, xml, attachments, wrongPasswords: 0, expiresAt: now() + SESSION_LIFETIME_MS, busy: false });
      return ticket;
    },
    describe(ticket) {
      const session = live(ticket);
      return { keyId: session.keyId, finished: session.outcome !== undefined };
    },
    async submitPassword(ticket, password) {
      const session = live(ticket);
      if (session.outcome || session.busy) throw new HostError('signing.unknownTicket');
      session.busy = true;
      try {
        const signed = await options.keyStore.signPackage(
          session.keyId,
          password,
          session.xml,
          { expectedIin: session.expectedIin, trust: options.trust, at: new Date(now()), checkRevocation: options.checkRevocation },
          session.attachments,
        );
        session.outcome = { state: 'signed', ...signed };
      } catch (error) {
        if (error instanceof HostError && error.code === 'keys.wrongPassword') {
          session.wrongPasswords += 1;
          if (session.wrongPasswords >= MAX_WRONG_PASSWORDS) {
            sessions.delete(ticket);
            throw new HostError('signing.tooManyAttempts');
          }
        }
        throw error;
      } finally {
        session.busy = false;
      }
    },
    cancel(ticket) {
      const session = live(ticket);
      session.outcome ??= { state: 'cancelled' };
    },
    result(ticket) {
      const session = live(ticket);
      if (!session.outcome) return { state: 'pending' };
      // A finished act is handed out once; the signed XML does not linger in host memory.
      sessions.delete(ticket);
      return session.outcome;
    },
  };
}
