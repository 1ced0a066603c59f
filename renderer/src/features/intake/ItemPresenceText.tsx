import { useTranslation } from 'react-i18next';
import type { ItemPresence } from '../../../../shared/request/checklistCompleteness';

/** How a checklist item was presented: scanned pages, on paper, both, or missing. */
export function ItemPresenceText({ presence }: { presence: ItemPresence }) {
  const { t } = useTranslation();
  const parts = [presence.scanned ? t('scan.attachedPages', { pages: presence.pages ?? 0 }) : '', presence.onPaper ? t('intake.onPaper') : ''].filter(Boolean);
  if (parts.length === 0) return <span className={presence.required ? 'error' : 'muted'}>{t(presence.required ? 'intake.itemMissing' : 'intake.itemNotGiven')}</span>;
  return <span>{parts.join(' + ')}</span>;
}
