/**
 * Client-credentials tokens for the gateway. The credentials are read at every token request, so an
 * administrator's fix in the settings takes effect without a restart (entries waiting in auth_required go).
 */
import { paths, tokenResponseSchema } from '../../../shared/gateway/gatewayProtocol';
import type { GatewayFailure } from '../../../shared/sync/syncOutcomes';
import type { GatewayFetch } from './gatewayConnection';
import { classifyFailure, unreachable, unreadable } from './gatewayResponses';

export interface GatewayCredentials {
  clientId: string;
  clientSecret: string;
}

export type TokenResult = { ok: true; token: string } | { ok: false; failure: GatewayFailure };

export interface TokenSource {
  get(): Promise<TokenResult>;
  /** The gateway refused this token (401): forget it so the next get() asks for a new one. */
  invalidate(token: string): void;
}

/** Renew a little before expiry so a token does not run out in the middle of an upload. */
const EARLY_RENEWAL_MS = 30_000;

export function createTokenSource(options: { baseUrl: string; credentials: () => Promise<GatewayCredentials>; now?: () => number; timeoutMs?: number; fetch?: GatewayFetch }): TokenSource {
  const send = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<TokenResult> | null = null;

  async function request(): Promise<TokenResult> {
    const { clientId, clientSecret } = await options.credentials();
    if (!clientId || !clientSecret) return { ok: false, failure: { kind: 'auth', detail: 'no gateway client credentials configured' } };
    let response: Response;
    try {
      response = await send(new URL(paths.token, options.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      return { ok: false, failure: unreachable(error) };
    }
    const text = await response.text().catch(() => '');
    // A refused client is 401 by the protocol; OAuth servers also say 400 invalid_client.
    if (response.status === 400 && text.includes('invalid_client')) return { ok: false, failure: { kind: 'auth', httpStatus: 400, detail: text.slice(0, 300) } };
    if (!response.ok) return { ok: false, failure: classifyFailure(response.status, text, response.headers.get('retry-after')) };
    try {
      const body = tokenResponseSchema.parse(JSON.parse(text));
      cached = { token: body.access_token, expiresAt: now() + body.expires_in * 1000 - EARLY_RENEWAL_MS };
      return { ok: true, token: body.access_token };
    } catch {
      return { ok: false, failure: unreadable(response.status, text) };
    }
  }

  return {
    get() {
      if (cached && cached.expiresAt > now()) return Promise.resolve({ ok: true, token: cached.token });
      // One token request at a time, whatever the number of uploads waiting for it.
      pending ??= request().finally(() => (pending = null));
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}
