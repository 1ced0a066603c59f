/**
 * The gateway's routes grouped the way faults hit them: the sandbox's fault knobs and the chaos test's proxy
 * scope their faults by these classes, and count what they did per class.
 */
import { PROTOCOL_PREFIX } from './gatewayProtocol';

export const routeClasses = ['token', 'upload', 'commit', 'status', 'result', 'registry', 'other'] as const;
export type RouteClass = (typeof routeClasses)[number];

const SUBMISSION = new RegExp(`^${PROTOCOL_PREFIX}/submissions/[^/]+$`);
const RESULT = new RegExp(`^${PROTOCOL_PREFIX}/submissions/[^/]+/result$`);
const REGISTRY = new RegExp(`^${PROTOCOL_PREFIX}/(registries|notary|payments)/`);

export function routeClassOf(method: string, pathname: string): RouteClass {
  if (pathname === `${PROTOCOL_PREFIX}/oauth/token`) return 'token';
  if (pathname.startsWith(`${PROTOCOL_PREFIX}/uploads`) || pathname.startsWith(`${PROTOCOL_PREFIX}/blobs/`)) return 'upload';
  if (SUBMISSION.test(pathname)) return method === 'PUT' ? 'commit' : 'status';
  if (RESULT.test(pathname)) return 'result';
  if (REGISTRY.test(pathname)) return 'registry';
  return 'other';
}
