import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../../../shared/catalog/catalogSchema';
import type { Language } from '../../../../shared/i18n/messages';
import { useAppServices, useSession } from '../../app/appContext';
import { durationText } from './durationText';
import { matchServices } from './servicePicker';

const RECENT_LIMIT = 5;

/** Service and kind for a new request: type to filter, arrows to move, Enter to choose; recent services first. */
export function ServicePicker({ onStart, onCancel }: { onStart(serviceId: string, kindId: string): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { db, catalog } = useAppServices();
  const { operator } = useSession();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<Service | null>(null);
  const [kindId, setKindId] = useState('');
  const recentIds = useLiveQuery(async () => {
      const ids: string[] = [];
      await db.requests.orderBy('createdAt').reverse().until(() => ids.length >= RECENT_LIMIT).each((request) => {
        if (request.operatorId === operator.id && !ids.includes(request.serviceId)) ids.push(request.serviceId);
      });
      return ids;
    }, [db, operator.id]);
  const { recent, others } = useMemo(() => matchServices(catalog, query, recentIds ?? []), [catalog, query, recentIds]);
  const listed = [...recent, ...others];
  useEffect(() => {
    // A block body: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.
    void document.getElementById(`service-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (service: Service | undefined) => {
    if (!service || service.availability !== 'available' || service.kinds.length === 0) return;
    setChosen(service);
    setKindId(service.kinds[0]!.id);
  };

  function onSearchKey(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => Math.min(Math.max(current + step, 0), Math.max(listed.length - 1, 0)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(listed[active]);
    } else if (event.key === 'Escape') {
      onCancel();
    }
  }

  if (chosen) {
    const kind = chosen.kinds.find((candidate) => candidate.id === kindId);
    return (
      <main className="card">
        <h1>{chosen.name[language]}</h1>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onStart(chosen.id, kindId);
          }}
          onKeyDown={(event) => event.key === 'Escape' && setChosen(null)}
        >
          <div className="field">
            <label htmlFor="picker-kind">{t('picker.kind')}</label>
            <select
              id="picker-kind"
              value={kindId}
              onChange={(event) => setKindId(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  onStart(chosen.id, kindId);
                }
              }}
              autoFocus
            >
              {chosen.kinds.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name[language]}
                </option>
              ))}
            </select>
          </div>
          {kind?.resultCap && <p className="muted">{t('picker.resultCap', { cap: durationText(t, kind.resultCap) })}</p>}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setChosen(null)}>
              ← (Esc)
            </button>
            <button type="submit" id="picker-start">
              {t('picker.start')}
            </button>
          </div>
        </form>
      </main>
    );
  }

  const renderOption = (service: Service, index: number) => {
    const unavailable = service.availability !== 'available' || service.kinds.length === 0;
    return (
      <li
        key={service.id}
        id={`service-${index}`}
        role="option"
        aria-selected={index === active}
        aria-disabled={unavailable}
        className={`service-option${index === active ? ' active' : ''}${unavailable ? ' unavailable' : ''}`}
        onClick={() => choose(service)}
      >
        <div>{service.name[language]}</div>
        <div className="muted small">
          {service.provider?.[language]} · {service.source.seed}
          {unavailable && <> · {t('picker.unavailable')}</>}
        </div>
      </li>
    );
  };

  return (
    <main className="card">
      <h1>{t('picker.title')}</h1>
      <div className="field">
        <label htmlFor="picker-search">{t('picker.search')}</label>
        <input
          id="picker-search"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onSearchKey}
          role="combobox"
          aria-expanded="true"
          aria-controls="picker-list"
          aria-activedescendant={listed.length ? `service-${active}` : undefined}
          autoFocus
          autoComplete="off"
        />
      </div>
      {listed.length === 0 && <p className="muted">{t('picker.nothingFound')}</p>}
      <ul id="picker-list" role="listbox" className="service-list" aria-label={t('picker.all')}>
        {recent.length > 0 && <li className="list-heading" role="presentation">{t('picker.recent')}</li>}
        {recent.map((service, index) => renderOption(service, index))}
        {recent.length > 0 && others.length > 0 && <li className="list-heading" role="presentation">{t('picker.all')}</li>}
        {others.map((service, index) => renderOption(service, recent.length + index))}
      </ul>
    </main>
  );
}
