/**
 * The single entry for every host call, whatever carried it (IPC or HTTP): unknown methods and
 * arguments that fail the contract's schema never reach a service.
 */
import { HostError } from '../../shared/host/hostError';
import { hostApi, isHostMethod, type HostHandlers, type HostReply } from '../../shared/host/hostApi';

export async function dispatchHostCall(handlers: HostHandlers, method: string, rawArgs: unknown): Promise<HostReply> {
  if (!isHostMethod(method)) return { ok: false, error: { code: 'bridge.unknownMethod' } };
  const parsed = hostApi[method].args.safeParse(rawArgs ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'bridge.badRequest', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  try {
    const handler = handlers[method] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof HostError) return { ok: false, error: { code: error.code, ...(error.detail ? { detail: error.detail } : {}) } };
    console.error(`host call ${method} failed`, error);
    return { ok: false, error: { code: 'bridge.internal' } };
  }
}
