import type { TFunction } from 'i18next';
import { StoppedRequestError } from '../../db/stoppedRequests';

/** A way out refused because the request changed meanwhile (another window, the sync) is said in words; anything else goes to the shared text. */
export function stoppedErrorText(t: TFunction, errorText: (error: unknown) => string, failure: unknown): string {
  if (!(failure instanceof StoppedRequestError)) return errorText(failure);
  return t(failure.reason === 'gateway_holds' ? 'stopped.gatewayHolds' : 'stopped.notStopped');
}
