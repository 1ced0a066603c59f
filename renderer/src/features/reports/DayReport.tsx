import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { findService } from '../../../../shared/catalog/catalog';
import { almatyDate } from '../../../../shared/calendar/workingDays';
import type { Language } from '../../../../shared/i18n/messages';
import { useAppServices } from '../../app/appContext';
import { summariseSurveys, type AnswerCounts } from '../../db/handOver';

const counts = (answers: AnswerCounts) => `${answers[3]} / ${answers[2]} / ${answers[1]}`;

/** The quality questionnaire summarised per day and service (seed 004 п. 16), for the supervisor's report. */
export function DayReport({ onBack }: { onBack(): void }) {
  const { t, i18n } = useTranslation();
  const { db, catalog } = useAppServices();
  const today = almatyDate(Date.now());
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const rows = useLiveQuery(() => summariseSurveys(db, from, to), [db, from, to]);
  return (
    <main className="card" onKeyDown={(event) => event.key === 'Escape' && onBack()}>
      <header className="request-header">
        <h1>{t('report.title')}</h1>
        <button type="button" className="secondary" onClick={onBack}>
          {t('request.back')} (Esc)
        </button>
      </header>
      <div className="filters">
        <label>
          {t('report.from')} <input type="date" id="report-from" value={from} max={to} onChange={(event) => event.target.value && setFrom(event.target.value)} autoFocus />
        </label>{' '}
        <label>
          {t('report.to')} <input type="date" id="report-to" value={to} min={from} onChange={(event) => event.target.value && setTo(event.target.value)} />
        </label>
      </div>
      <p className="muted">{t('report.legend')}</p>
      {rows && rows.length === 0 && <p className="muted">{t('report.empty')}</p>}
      {rows && rows.length > 0 && (
        <table className="requests" data-testid="survey-summary">
          <thead>
            <tr>
              <th>{t('report.day')}</th>
              <th>{t('home.service')}</th>
              <th>{t('report.responses')}</th>
              <th>{t('survey.processQuality')}</th>
              <th>{t('survey.informationQuality')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.day}-${row.serviceId}`}>
                <td>{new Date(`${row.day}T12:00:00+05:00`).toLocaleDateString(i18n.language, { timeZone: 'Asia/Almaty' })}</td>
                <td className="service-cell">{findService(catalog, row.serviceId)?.name[i18n.language as Language] ?? row.serviceId}</td>
                <td>{row.responses}</td>
                <td className="mono">{counts(row.processQuality)}</td>
                <td className="mono">{counts(row.informationQuality)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
