import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices, useSession } from '../../app/appContext';
import { saveFile } from '../../app/saveJsonFile';
import { useErrorText } from '../../app/useErrorText';
import { recordPaper, type PaperKind } from '../../db/handOver';
import { canPrintPdf, pdfFromStore, printPdf } from './paperFiles';

export interface PaperSource {
  kind: PaperKind;
  /** Makes (or finds) the PDF in the host's store; the renderer only ever holds its reference. */
  produce(): Promise<{ sha256: string; fileName: string }>;
}

/** Print and Save for one of the applicant's papers; each use is recorded on the request's timeline. */
export function PaperActions({ requestId, paper, autoFocus = false, idPrefix = 'paper' }: { requestId: string; paper: PaperSource; autoFocus?: boolean; idPrefix?: string }) {
  const { t } = useTranslation();
  const { host, db } = useAppServices();
  const { operator } = useSession();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  async function use(wanted: 'printed' | 'saved') {
    setBusy(true);
    setError('');
    setNotice('');
    try {
      const { sha256, fileName } = await paper.produce();
      const pdf = await pdfFromStore(host, sha256);
      // Without a PDF viewer there is nothing to print from here: the file is saved for printing from outside.
      const how = wanted === 'printed' && !canPrintPdf() ? 'saved' : wanted;
      if (how === 'printed') await printPdf(pdf);
      else saveFile(fileName, pdf);
      if (how !== wanted) setNotice(t('paperActions.savedToPrint', { fileName }));
      await recordPaper(db, requestId, paper.kind, how, operator.id);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="paper-actions" data-testid={`${idPrefix}-${paper.kind}`}>
      <strong>{t(`paperActions.${paper.kind}`)}</strong>{' '}
      <button type="button" id={`${idPrefix}-${paper.kind}-print`} onClick={() => void use('printed')} disabled={busy} autoFocus={autoFocus}>
        {t('paperActions.print')}
      </button>{' '}
      <button type="button" id={`${idPrefix}-${paper.kind}-save`} className="secondary" onClick={() => void use('saved')} disabled={busy}>
        {t('paperActions.save')}
      </button>
      {busy && (
        <span className="muted" role="status">
          {' '}
          {t('paperActions.preparing')}
        </span>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
