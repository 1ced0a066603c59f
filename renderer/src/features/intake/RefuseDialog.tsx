import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestKind } from '../../../../shared/catalog/catalogSchema';
import type { Language } from '../../../../shared/i18n/messages';
import { useAppServices, useSession } from '../../app/appContext';
import { Dialog } from '../../app/Dialog';
import type { RequestRow } from '../../db/database';
import { refuseIntake } from '../requests/requestDrafts';

/** How long a confirmed refusal can still be taken back before it is recorded and its receipt offered. */
export const REFUSAL_UNDO_SECONDS = 10;

/**
 * The refusal to accept an incomplete package, which is final once recorded. Nothing here sits under the keys that
 * sign: the dialog opens on "back to the form", the ground must be ticked before Refuse does anything, and a
 * confirmed refusal waits REFUSAL_UNDO_SECONDS with "take it back" focused. Only then is it recorded; closing the
 * request meanwhile records nothing, so the draft stays as it was.
 */
export function RefuseDialog({ request, missing, onClose }: { request: RequestRow; missing: RequestKind['checklist']; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { db } = useAppServices();
  const { operator } = useSession();
  const language = i18n.language as Language;
  const [ground, setGround] = useState(false);
  const [groundMissing, setGroundMissing] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const groundBox = useRef<HTMLInputElement>(null);

  const refuse = useEffectEvent(() => {
    void refuseIntake(
      db,
      request.id,
      missing.map((item) => item.id),
      operator.id,
    ).then(onClose);
  });
  useEffect(() => {
    if (secondsLeft === null) return;
    if (secondsLeft === 0) {
      refuse();
      return;
    }
    const timer = setTimeout(() => setSecondsLeft(secondsLeft - 1), 1_000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);

  function confirm() {
    if (!ground) {
      setGroundMissing(true);
      groundBox.current?.focus();
      return;
    }
    setSecondsLeft(REFUSAL_UNDO_SECONDS);
  }

  if (secondsLeft !== null) {
    return (
      <Dialog titleId="refuse-title" title={t('intake.refuseTitle')} onEscape={onClose}>
        <p role="status" data-testid="refuse-pending" data-seconds={secondsLeft}>
          {t('intake.refusePending', { seconds: secondsLeft })}
        </p>
        <div className="actions">
          <button type="button" id="refuse-take-back" autoFocus disabled={secondsLeft === 0} onClick={onClose}>
            {t('intake.refuseTakeBack')}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog titleId="refuse-title" title={t('intake.refuseTitle')} onEscape={onClose}>
      <p>{t('intake.refuseExplained')}</p>
      <ul data-testid="refuse-missing">
        {missing.map((item) => (
          <li key={item.id}>{item.name[language]}</li>
        ))}
      </ul>
      <label className="checkbox" htmlFor="refuse-ground">
        <input
          ref={groundBox}
          id="refuse-ground"
          type="checkbox"
          checked={ground}
          aria-describedby={groundMissing ? 'refuse-ground-missing' : undefined}
          onChange={(event) => {
            setGround(event.target.checked);
            setGroundMissing(false);
          }}
        />{' '}
        {t('intake.refuseGround')}
      </label>
      {groundMissing && (
        <p className="error" role="alert" id="refuse-ground-missing">
          {t('intake.refuseGroundRequired')}
        </p>
      )}
      <div className="actions">
        <button type="button" id="refuse-back" autoFocus onClick={onClose}>
          {t('intake.backToForm')} (Esc)
        </button>
        <button type="button" id="refuse-confirm" className="secondary" onClick={confirm}>
          {t('intake.refuseConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
