import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withdrawalReasons, type WithdrawalReason } from '../../../../shared/papers/receiptContent';
import { useAppServices, useSession } from '../../app/appContext';
import { Dialog } from '../../app/Dialog';
import { useErrorText } from '../../app/useErrorText';
import { withdrawRequest } from '../../db/stoppedRequests';
import { stoppedErrorText } from './stoppedErrorText';

/**
 * Withdraws a stopped request with the applicant's reason. Arrows choose the reason, Enter confirms; nothing is
 * chosen for the operator, so a reason is always a decision. The withdrawal notice follows on the request page.
 */
export function WithdrawDialog({ requestId, onClose }: { requestId: string; onClose(): void }) {
  const { t } = useTranslation();
  const { db } = useAppServices();
  const { operator } = useSession();
  const errorText = useErrorText();
  const [reason, setReason] = useState<WithdrawalReason | null>(null);
  const [error, setError] = useState('');

  async function confirm() {
    if (!reason) {
      setError(t('stopped.reasonRequired'));
      document.getElementById(`withdraw-reason-${withdrawalReasons[0]}`)?.focus();
      return;
    }
    try {
      await withdrawRequest(db, requestId, reason, operator.id);
      onClose();
    } catch (failure) {
      setError(stoppedErrorText(t, errorText, failure));
    }
  }

  return (
    <Dialog titleId="withdraw-title" title={t('stopped.withdrawTitle')} onEscape={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <p>{t('stopped.withdrawExplain')}</p>
        <fieldset data-testid="withdraw-reasons">
          <legend>{t('stopped.reason')}</legend>
          {withdrawalReasons.map((code, i) => (
            <label key={code} className="choice">
              <input
                type="radio"
                name="withdraw-reason"
                id={`withdraw-reason-${code}`}
                value={code}
                checked={reason === code}
                onChange={() => {
                  setReason(code);
                  setError('');
                }}
                autoFocus={i === 0}
              />{' '}
              {t(`papers.reason_${code}`)}
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('stopped.back')} (Esc)
          </button>
          <button type="submit" id="withdraw-confirm">
            {t('stopped.withdrawConfirm')} (Enter)
          </button>
        </div>
      </form>
    </Dialog>
  );
}
