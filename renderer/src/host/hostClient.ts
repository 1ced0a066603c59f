/**
 * Picks how this renderer reaches the host: the Electron preload's bridge when it is there, otherwise the
 * loopback HTTP bridge of browser mode with the per-run token handed over in the URL fragment.
 */
import { type HostArgs, type HostClient, type HostMethod, type HostReply, type HostResult } from '../../../shared/host/hostApi';
import { isHostErrorCode, type HostErrorCode } from '../../../shared/host/hostError';
import { PRELOAD_GLOBAL } from '../../../shared/host/preloadGlobal';

const TOKEN_KEY = 'qabyl.bridgeToken';

/** A failed host call: `code` is a host error code or 'unreachable' when the host could not be asked at all. */
export class HostCallError extends Error {
  constructor(
    readonly code: HostErrorCode | 'unreachable',
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

function unwrap<M extends HostMethod>(reply: HostReply): HostResult<M> {
  if (reply.ok) return reply.value as HostResult<M>;
  const code = isHostErrorCode(reply.error.code) ? reply.error.code : 'bridge.internal';
  throw new HostCallError(code, reply.error.detail);
}

interface PreloadBridge {
  call(method: string, args: unknown): Promise<HostReply>;
}

export function createPreloadHostClient(bridge: PreloadBridge): HostClient {
  return {
    async call<M extends HostMethod>(method: M, args: HostArgs<M>) {
      return unwrap<M>(await bridge.call(method, args));
    },
  };
}

export function createHttpHostClient(baseUrl: string, token: string): HostClient {
  return {
    async call<M extends HostMethod>(method: M, args: HostArgs<M>) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(args),
        });
      } catch (error) {
        throw new HostCallError('unreachable', error instanceof Error ? error.message : String(error));
      }
      let reply: HostReply;
      try {
        reply = (await response.json()) as HostReply;
      } catch {
        throw new HostCallError('unreachable', `HTTP ${response.status}`);
      }
      return unwrap<M>(reply);
    },
  };
}

/** Takes the token out of the address bar (so it is not bookmarked or shared) and keeps it for reloads. */
function takeBridgeToken(): string {
  const fromFragment = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromFragment) {
    sessionStorage.setItem(TOKEN_KEY, fromFragment);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromFragment;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function connectToHost(): HostClient {
  const preload = (window as unknown as Record<string, PreloadBridge | undefined>)[PRELOAD_GLOBAL];
  if (preload) return createPreloadHostClient(preload);
  return createHttpHostClient(window.location.origin, takeBridgeToken());
}
