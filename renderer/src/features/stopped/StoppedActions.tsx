import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { gatewayMayHold, stoppedStates, type OutboxEntry } from '../../../../shared/sync/outbox';
import { useAppServices, useSession } from '../../app/appContext';
import { useErrorText } from '../../app/useErrorText';
import type { RequestRow } from '../../db/database';
import { startCorrection } from '../../db/stoppedRequests';
import { stoppedErrorText } from './stoppedErrorText';
import { WithdrawDialog } from './WithdrawDialog';

/**
 * The ways out of a stopped request, on its page: correct and re-sign (back to the form), or withdraw with a reason.
 * Also says what became of a request that was withdrawn or replaced, and links a correction to what it corrects.
 */
export function StoppedActions({ request, entry, onOpen }: { request: RequestRow; entry: OutboxEntry | undefined; onOpen(requestId: string): void }) {
  const { t, i18n } = useTranslation();
  const { db, info } = useAppServices();
  const { operator } = useSession();
  const errorText = useErrorText();
  const [withdrawing, setWithdrawing] = useState(false);
  const [error, setError] = useState('');
  const linkedId = request.correctedBy ?? request.corrects;
  const linked = useLiveQuery(async () => (linkedId ? ((await db.requests.get(linkedId)) ?? null) : null), [db, linkedId]);

  async function correct() {
    setError('');
    try {
      const editing = await startCorrection(db, request.id, operator.id, info.office.code);
      // The same request turns into a draft on its own; a new linked one has to be opened.
      if (editing !== request.id) onOpen(editing);
    } catch (failure) {
      setError(stoppedErrorText(t, errorText, failure));
    }
  }

  const link = linked && (
    <button type="button" className="link mono" onClick={() => onOpen(linked.id)}>
      {linked.localNumber}
    </button>
  );

  return (
    <>
      {request.withdrawal && (
        <p className="notice" data-testid="withdrawn">
          {t('stopped.withdrawnNotice', {
            at: new Date(request.withdrawal.at).toLocaleString(i18n.language, { timeZone: 'Asia/Almaty' }),
            reason: t(`papers.reason_${request.withdrawal.reason}`),
          })}
        </p>
      )}
      {request.correctedBy && linked && (
        <p className="notice" data-testid="superseded">
          {t('stopped.supersededNotice', { number: linked.localNumber })} {link}
        </p>
      )}
      {request.corrects && linked && (
        <p className="muted" data-testid="corrects">
          {t('stopped.correctsNotice', { number: linked.localNumber })} {link}
        </p>
      )}
      {entry?.state === 'correcting' && <p className="notice">{t('stopped.beingCorrected')}</p>}
      {entry && stoppedStates.includes(entry.state) && (
        <section className="card" data-testid="stopped-actions" aria-labelledby="stopped-title">
          <h3 id="stopped-title">{t('stopped.title')}</h3>
          <p>{t('stopped.explain')}</p>
          <div className="actions">
            <button type="button" id="stopped-correct" onClick={() => void correct()} autoFocus>
              {t('stopped.correct')}
            </button>
            {/* Nothing here can recall a package the gateway may hold; the button would only lead to a refusal. */}
            {!gatewayMayHold(entry) && (
              <button type="button" id="stopped-withdraw" className="secondary" onClick={() => setWithdrawing(true)}>
                {t('stopped.withdraw')}
              </button>
            )}
          </div>
          {gatewayMayHold(entry) && <p className="muted small">{t('stopped.gatewayHolds')}</p>}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </section>
      )}
      {withdrawing && (
        <WithdrawDialog
          requestId={request.id}
          onClose={() => {
            setWithdrawing(false);
            document.getElementById('paper-withdrawal-print')?.focus();
          }}
        />
      )}
    </>
  );
}
