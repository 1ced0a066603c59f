import type { RequestKind } from '../../../../shared/catalog/catalogSchema';
import { expectedResultAt } from '../../../../shared/catalog/deadlines';
import { almatyDate, type CivilDate } from '../../../../shared/calendar/workingDays';
import type { RequestRow } from '../../db/database';

/**
 * The day the applicant can expect the result: counted from acceptance, or from now while the request is a draft.
 * Null where the seed states no cap, or outside the years the calendar knows (say nothing rather than guess).
 */
export function expectedResultDay(kind: RequestKind, request: RequestRow): CivilDate | null {
  try {
    const at = expectedResultAt(kind, request.status === 'draft' ? Date.now() : (request.acceptedAt ?? request.updatedAt), request.form.reissueGround);
    return at === null ? null : almatyDate(at);
  } catch {
    return null;
  }
}
