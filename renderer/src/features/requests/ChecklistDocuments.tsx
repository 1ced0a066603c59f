import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestKind } from '../../../../shared/catalog/catalogSchema';
import type { Language } from '../../../../shared/i18n/messages';
import type { Completeness } from '../../../../shared/request/checklistCompleteness';
import type { FinishedDocument } from '../../../../shared/scanning/scanProtocol';
import { useAppServices } from '../../app/appContext';
import type { DocumentRow } from '../../db/database';
import { ItemPresenceText } from '../intake/ItemPresenceText';
import { ScanPanel } from '../scanning/ScanPanel';
import { attachDocument, removeDocument } from './requestDrafts';

/**
 * The service's document checklist for this request: what each item has attached (pages, size) or whether it was
 * presented on paper, and a way to scan or import it. Which required items are still missing is said in words,
 * not only in colour, so completeness shows at a glance.
 */
export function ChecklistDocuments({ requestId, kind, documents, completeness }: { requestId: string; kind: RequestKind; documents: DocumentRow[]; completeness: Completeness }) {
  const { t, i18n } = useTranslation();
  const { db } = useAppServices();
  const language = i18n.language as Language;
  const [scanning, setScanning] = useState<string | null>(null);
  const item = kind.checklist.find((candidate) => candidate.id === scanning);

  async function attached(itemId: string, finished: FinishedDocument[]) {
    for (const document of finished) await attachDocument(db, requestId, { ...document, checklistItemId: itemId });
  }

  return (
    <div className="checklist">
      <h3>{t('scan.checklist')}</h3>
      <ol className="checklist-items">
        {completeness.items.map((presence) => {
          const entry = presence.item;
          const mine = documents.filter((document) => document.checklistItemId === entry.id);
          return (
            <li key={entry.id} data-testid={`checklist-${entry.id}`} data-presented={presence.scanned || presence.onPaper} className={presence.scanned || presence.onPaper ? 'done' : ''}>
              <span>
                {entry.name[language]} <span className="muted">({t(presence.required ? 'scan.required' : 'scan.optional')})</span> — <ItemPresenceText presence={presence} />
              </span>
              <ul className="documents">
                {mine.map((document) => (
                  <li key={document.id}>
                    {document.fileName} <span className="muted">{document.pageCount ? `${t('scan.attachedPages', { pages: document.pageCount })} · ` : ''}{t('units.kilobytes', { amount: Math.ceil(document.size / 1024) })}</span>{' '}
                    <button type="button" className="link" onClick={() => void removeDocument(db, document.id)}>
                      {t('request.remove')}
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" className="secondary" id={`scan-open-${entry.id}`} onClick={() => setScanning(entry.id)}>
                {t('scan.scan')}
              </button>
            </li>
          );
        })}
      </ol>
      {documents.length > 0 && (
        <p className="muted" data-testid="request-documents-total">
          {t('scan.total', { pages: documents.reduce((sum, document) => sum + (document.pageCount ?? 0), 0), kb: Math.ceil(documents.reduce((sum, document) => sum + document.size, 0) / 1024) })}
        </p>
      )}
      <p className={completeness.complete ? 'muted' : 'warning'} data-testid="checklist-missing" data-complete={completeness.complete}>
        {completeness.complete ? t('intake.packageComplete') : t('scan.missing', { items: completeness.missing.map((entry) => entry.name[language]).join('; ') })}
      </p>
      {item && (
        <ScanPanel
          key={item.id}
          requestId={requestId}
          itemId={item.id}
          itemKind={item.kind}
          itemName={item.name[language]}
          onAttached={(finished) => attached(item.id, finished)}
          onClose={() => {
            setScanning(null);
            document.getElementById(`scan-open-${item.id}`)?.focus();
          }}
        />
      )}
    </div>
  );
}
