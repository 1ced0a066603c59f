/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) as the gateway asks for them: POST /v1/oauth/token with the
 * client id and secret (HTTP Basic or form fields) gives an opaque bearer token that expires. Tokens live in
 * memory only, so a sandbox restart logs every client out: clients must handle 401 by fetching a new token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { tokenResponseSchema } from '../shared/gateway/gatewayProtocol';
import { jsonReply, type Reply } from './httpIo';
import { problem, problemTypes } from './problems';

/** Client id → secret. */
export type GatewayClients = Readonly<Record<string, string>>;

export const DEFAULT_TOKEN_TTL_SECONDS = 900;

const unauthorized = (detail: string) =>
  problem(401, problemTypes.unauthorized, 'Unauthorized', detail, { 'www-authenticate': 'Bearer realm="qabyl-gateway"' });

export class TokenIssuer {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();

  constructor(
    private readonly clients: GatewayClients,
    private readonly ttlSeconds: number,
    private readonly now: () => Date,
  ) {}

  /** The token route: `form` is the urlencoded request body. */
  issue(req: IncomingMessage, form: URLSearchParams): Reply {
    if (form.get('grant_type') !== 'client_credentials') {
      throw problem(400, problemTypes.malformedRequest, 'Unsupported grant_type', 'only client_credentials is supported');
    }
    const { clientId, secret } = credentialsOf(req, form);
    const expected = this.clients[clientId];
    if (expected === undefined || !sameText(secret, expected)) throw unauthorized('unknown client or wrong secret');
    this.dropExpired();
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { clientId, expiresAt: this.now().getTime() + this.ttlSeconds * 1000 });
    const body = tokenResponseSchema.parse({ access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds });
    // RFC 6749 §5.1: token responses must not be cached.
    return jsonReply(200, JSON.stringify(body), { 'cache-control': 'no-store' });
  }

  /** Throws 401 unless the request carries a bearer token this sandbox issued and that has not expired; the client's id. */
  check(req: IncomingMessage): string {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1]) throw unauthorized('Authorization: Bearer <token> required');
    const entry = this.tokens.get(match[1]);
    if (!entry) throw unauthorized('unknown token');
    if (entry.expiresAt <= this.now().getTime()) throw unauthorized('token expired');
    return entry.clientId;
  }

  private dropExpired(): void {
    const now = this.now().getTime();
    for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token);
  }
}

function credentialsOf(req: IncomingMessage, form: URLSearchParams): { clientId: string; secret: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw unauthorized('malformed Basic credentials');
    // RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64.
    return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  }
  return { clientId: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw unauthorized('malformed Basic credentials');
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
