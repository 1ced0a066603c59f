import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultRecord } from '../../../../shared/sync/outbox';
import { useAppServices, useSession } from '../../app/appContext';
import { Dialog } from '../../app/Dialog';
import { useErrorText } from '../../app/useErrorText';
import { recordHandOver } from '../../db/handOver';
import { PaperActions } from '../papers/PaperActions';
import { SurveyForm } from './SurveyForm';

/**
 * Hand-over at the window: the verified result is printed or saved to the applicant's own media, the hand-over is
 * recorded, and the quality questionnaire is offered (the applicant may decline it).
 */
export function HandOverDialog({ requestId, result, onClose }: { requestId: string; result: ResultRecord; onClose(): void }) {
  const { t } = useTranslation();
  const { db } = useAppServices();
  const { operator } = useSession();
  const errorText = useErrorText();
  const [step, setStep] = useState<'papers' | 'survey'>('papers');
  const [error, setError] = useState('');
  const paper = { kind: 'result' as const, produce: async () => ({ sha256: result.documentSha256, fileName: result.fileName }) };

  async function handedOver() {
    try {
      await recordHandOver(db, requestId, operator.id);
      setStep('survey');
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  return (
    <Dialog titleId="handover-title" title={t(step === 'papers' ? 'handover.title' : 'survey.title')} onEscape={onClose}>
        {step === 'papers' ? (
          <>
            <p>{t(result.kind === 'license' ? 'handover.license' : 'handover.refusal', { number: result.licenseNumber ?? '' })}</p>
            <PaperActions requestId={requestId} paper={paper} autoFocus idPrefix="handover" />
            <p className="muted small">{t('handover.mediaHint')}</p>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <div className="actions">
              <button type="button" className="secondary" onClick={onClose}>
                {t('sign.cancel')} (Esc)
              </button>
              <button type="button" id="handover-confirm" onClick={() => void handedOver()}>
                {t('handover.confirm')}
              </button>
            </div>
          </>
        ) : (
          <SurveyForm requestId={requestId} onDone={onClose} />
        )}
    </Dialog>
  );
}
