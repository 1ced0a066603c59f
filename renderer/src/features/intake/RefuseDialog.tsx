import { useTranslation } from 'react-i18next';
import type { RequestKind } from '../../../../shared/catalog/catalogSchema';
import type { Language } from '../../../../shared/i18n/messages';
import { useAppServices, useSession } from '../../app/appContext';
import { Dialog } from '../../app/Dialog';
import type { RequestRow } from '../../db/database';
import { refuseIntake } from '../requests/requestDrafts';

/** Confirms the refusal to accept an incomplete package; the refusal receipt follows on the request page. */
export function RefuseDialog({ request, missing, onClose }: { request: RequestRow; missing: RequestKind['checklist']; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { db } = useAppServices();
  const { operator } = useSession();
  const language = i18n.language as Language;
  return (
    <Dialog titleId="refuse-title" title={t('intake.refuseTitle')} onEscape={onClose}>
        <p>{t('intake.refuseExplained')}</p>
        <ul data-testid="refuse-missing">
          {missing.map((item) => (
            <li key={item.id}>{item.name[language]}</li>
          ))}
        </ul>
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('sign.cancel')} (Esc)
          </button>
          <button
            type="button"
            id="refuse-confirm"
            autoFocus
            onClick={() =>
              void refuseIntake(
                db,
                request.id,
                missing.map((item) => item.id),
                operator.id,
              ).then(onClose)
            }
          >
            {t('intake.refuseConfirm')}
          </button>
        </div>
    </Dialog>
  );
}
