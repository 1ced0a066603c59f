/**
 * The home screen: every local request, found from one search box as the operator types, filtered, and read
 * a screenful at a time (the match set is only keys; rows are read for what is on screen).
 */
import { useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { almatyDate } from '../../../../shared/calendar/workingDays';
import type { Language } from '../../../../shared/i18n/messages';
import { useAppServices } from '../../app/appContext';
import { useOutboxCounts } from '../../app/useOutboxCounts';
import type { RequestRow, RequestStatus } from '../../db/database';
import { classifyQuery, countAcceptedOnDay, isTooShort, loadRequests, readNewestFirst, searchRequestIds, type RequestFilters } from '../../db/requestSearch';

const STATUSES: RequestStatus[] = ['draft', 'queued', 'submitted', 'completed', 'rejected', 'needs_attention', 'not_accepted', 'withdrawn', 'superseded'];
const ROW_HEIGHT = 40;
/** Rows are read in aligned pages, so scrolling a row further does not read the window again. */
const PAGE = 50;
const COLUMNS = 6;
const SEARCH_ID = 'request-search';

export function RequestList({ onOpen, onNew, onCatalog, onSettings }: { onOpen(requestId: string): void; onNew(): void; onCatalog(): void; onSettings?: () => void }) {
  const { t } = useTranslation();
  const { db } = useAppServices();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<RequestFilters>({});
  const search = useRef<HTMLInputElement>(null);
  // Which query the ids answer travels with them, so a slow answer to an older keystroke is recognisable.
  const newest = useLiveQuery(() => readNewestFirst(db), [db]);
  const result = useLiveQuery(
    async () => (newest ? { text, filters, ids: await searchRequestIds(db, classifyQuery(text), filters, newest) } : undefined),
    [db, text, filters, newest],
  );

  useEffect(() => {
    // Alt+N starts the next applicant's request; Alt+F, or / outside a text field, goes to the search box.
    const onKey = (event: KeyboardEvent) => {
      const key = event.key.toLowerCase();
      const inField = event.target instanceof HTMLElement && event.target.closest('input, select, textarea') !== null;
      if (event.altKey && key === 'n') {
        event.preventDefault();
        onNew();
      } else if ((event.altKey && key === 'f') || (key === '/' && !inField && !event.altKey && !event.ctrlKey)) {
        event.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNew]);

  const gridRef = useRef<RequestGridHandle>(null);
  const hasRequests = useLiveQuery(async () => (await db.requests.limit(1).primaryKeys()).length > 0, [db]);

  return (
    <main className="card wide">
      <header className="request-header">
        <h1>{t('home.title')}</h1>
        <span className="header-actions">
          {onSettings && (
            <button type="button" id="open-settings" className="secondary" onClick={onSettings}>
              {t('settings.title')}
            </button>
          )}
          <button type="button" id="open-catalog" className="secondary" onClick={onCatalog}>
            {t('catalog.title')}
          </button>
          <button type="button" id="new-request" onClick={onNew}>
            {t('home.newRequest')} (Alt+N)
          </button>
        </span>
      </header>
      <HomeFacts />
      <div className="request-search">
        <label htmlFor={SEARCH_ID}>{t('requestList.search')}</label>
        <input
          id={SEARCH_ID}
          ref={search}
          type="search"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-describedby="request-search-hint"
          // Only while the grid is there: an empty workstation has none to point at.
          aria-controls={hasRequests && result ? 'request-grid' : undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' && gridRef.current?.focusActive()) event.preventDefault();
          }}
        />
        <span id="request-search-hint" className="muted small">
          {t('requestList.searchHint')}
        </span>
      </div>
      <RequestFiltersBar filters={filters} onChange={setFilters} />
      {hasRequests === false ? (
        <p className="muted">{t('home.empty')}</p>
      ) : (
        result && <RequestGrid ref={gridRef} text={result.text} ids={result.ids} onOpen={onOpen} onLeaveTop={() => search.current?.focus()} />
      )}
    </main>
  );
}

/** The day at a glance: accepted today at this window, waiting in the outbox, needing the operator. */
function HomeFacts() {
  const { t, i18n } = useTranslation();
  const { db } = useAppServices();
  const today = almatyDate(Date.now());
  const acceptedToday = useLiveQuery(() => countAcceptedOnDay(db, today), [db, today]) ?? 0;
  const { queueDepth, needsAttention } = useOutboxCounts();
  const number = new Intl.NumberFormat(i18n.language);
  const facts = [
    { id: 'accepted-today', label: t('requestList.acceptedToday'), value: acceptedToday },
    { id: 'in-outbox', label: t('requestList.inOutbox'), value: queueDepth },
    { id: 'need-attention', label: t('requestList.needAttention'), value: needsAttention },
  ];
  return (
    <section aria-label={t('requestList.today')}>
      <dl className="home-facts">
        {facts.map((fact) => (
          <div key={fact.id} data-testid={`home-${fact.id}`} data-count={fact.value} className={fact.id === 'need-attention' && fact.value > 0 ? 'attention' : undefined}>
            <dt>{fact.label}</dt>
            <dd>{number.format(fact.value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function RequestFiltersBar({ filters, onChange }: { filters: RequestFilters; onChange(filters: RequestFilters): void }) {
  const { t, i18n } = useTranslation();
  const { catalog } = useAppServices();
  const language = i18n.language as Language;
  const set = (change: Partial<RequestFilters>) => onChange({ ...filters, ...change });
  // While the year is being typed the field holds 0002, 0020, 0202 …: no day to filter by until it is whole (the
  // fields are left uncontrolled, so such a value is not wiped mid-typing).
  const dayOf = (value: string) => (/^(19|20)\d\d-\d\d-\d\d$/.test(value) ? value : undefined);
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">{t('requestList.filters')}</legend>
      <label>
        {t('home.status')}{' '}
        <select id="filter-status" value={filters.status ?? ''} onChange={(event) => set({ status: (event.target.value || undefined) as RequestStatus | undefined })}>
          <option value="">{t('requestList.anyStatus')}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('home.service')}{' '}
        <select id="filter-service" className="service-filter" value={filters.serviceId ?? ''} onChange={(event) => set({ serviceId: event.target.value || undefined })}>
          <option value="">{t('requestList.anyService')}</option>
          {catalog.services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.name[language]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('requestList.fromDay')} <input id="filter-from" type="date" max={filters.toDay} onChange={(event) => set({ fromDay: dayOf(event.target.value) })} />
      </label>
      <label>
        {t('requestList.toDay')} <input id="filter-to" type="date" min={filters.fromDay} onChange={(event) => set({ toDay: dayOf(event.target.value) })} />
      </label>
    </fieldset>
  );
}

interface RequestGridHandle {
  /** Moves focus into the list at its active row; false when the list is empty. */
  focusActive(): boolean;
}

/**
 * An ARIA grid of rows with one roving tab stop. Only the rows in view exist in the DOM; aria-rowcount and
 * aria-rowindex tell assistive technology where they sit in the whole match set.
 */
function RequestGrid({ ref, text, ids, onOpen, onLeaveTop }: { ref: Ref<RequestGridHandle>; text: string; ids: string[]; onOpen(id: string): void; onLeaveTop(): void }) {
  const { t, i18n } = useTranslation();
  const { db, catalog } = useAppServices();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const virtualizer = useVirtualizer({ count: ids.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();

  // A new match set starts at its first row.
  useEffect(() => setActive(0), [ids]);

  const first = items.length > 0 ? Math.floor(items[0]!.index / PAGE) * PAGE : 0;
  const last = items.length > 0 ? (Math.floor(items[items.length - 1]!.index / PAGE) + 1) * PAGE : PAGE;
  const loaded = useLiveQuery(async () => ({ ids, rows: new Map((await loadRequests(db, ids.slice(first, last))).map((row) => [row.id, row])) }), [db, ids, first, last]);
  const rows = loaded?.ids === ids ? loaded.rows : undefined;

  const serviceNames = useMemo(() => new Map(catalog.services.map((service) => [service.id, service.name[i18n.language as Language]])), [catalog, i18n.language]);
  const dateTime = useMemo(() => new Intl.DateTimeFormat(i18n.language, { timeZone: 'Asia/Almaty', dateStyle: 'short', timeStyle: 'short' }), [i18n.language]);
  const total = new Intl.NumberFormat(i18n.language).format(ids.length);

  const focusRow = (index: number) => {
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    row?.focus({ preventScroll: true });
    return row !== null && row !== undefined;
  };
  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(ids.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    focusPending.current = !focusRow(next);
  };

  useImperativeHandle(ref, () => ({
    focusActive: () => {
      if (ids.length === 0) return false;
      moveTo(active);
      return true;
    },
  }));

  // A row far off screen exists only once the virtualizer has rendered it after the jump; focus follows it then.
  useLayoutEffect(() => {
    if (focusPending.current) focusPending.current = !focusRow(active);
  });

  const pageRows = () => Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
  const onKeyDown = (event: ReactKeyboardEvent) => {
    const moves: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => (active === 0 ? onLeaveTop() : moveTo(active - 1)),
      PageDown: () => moveTo(active + pageRows()),
      PageUp: () => moveTo(active - pageRows()),
      Home: () => moveTo(0),
      End: () => moveTo(ids.length - 1),
      Enter: () => ids[active] && onOpen(ids[active]),
    };
    const move = moves[event.key];
    if (!move || event.altKey) return;
    event.preventDefault();
    move();
  };

  return (
    <>
      <p className="request-count" aria-live="polite" data-testid="request-count" data-count={ids.length}>
        {ids.length > 0 ? t('requestList.found', { total }) : t(isTooShort(classifyQuery(text)) ? 'requestList.tooShort' : 'requestList.nothingFound')} <span className="muted small">{t('requestList.keys')}</span>
      </p>
      <div
        id="request-grid"
        role="grid"
        aria-label={t('requestList.list')}
        aria-rowcount={ids.length + 1}
        aria-colcount={COLUMNS}
        className="request-grid"
        // What the bench and tests wait for: the answer to this query is on screen, count and rows together.
        data-shown-query={rows ? text : undefined}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="request-row head">
            {[t('home.localNumber'), t('requestList.createdAt'), t('home.applicant'), t('home.service'), t('home.status'), t('home.registrationNumber')].map((name) => (
              <div role="columnheader" key={name}>
                {name}
              </div>
            ))}
          </div>
        </div>
        <div ref={scroller} className="request-scroll">
          <div role="rowgroup" className="request-rows" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const id = ids[item.index]!;
              const row = rows?.get(id);
              return (
                <div
                  key={id}
                  role="row"
                  id={`request-row-${item.index}`}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  aria-selected={item.index === active}
                  tabIndex={item.index === active ? 0 : -1}
                  className="request-row"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => onOpen(id)}
                  onFocus={() => setActive(item.index)}
                >
                  {row ? <RequestCells row={row} service={serviceNames.get(row.serviceId) ?? row.serviceId} createdAt={dateTime.format(new Date(row.createdAt))} /> : <LoadingCells />}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}

function RequestCells({ row, service, createdAt }: { row: RequestRow; service: string; createdAt: string }) {
  const { t } = useTranslation();
  const name = `${row.applicant.surname} ${row.applicant.givenName}`.trim();
  return (
    <>
      <div role="gridcell">
        {/* Not a tab stop of its own: the row is; a click on it opens the request as a click anywhere in the row does. */}
        <button type="button" className="link mono" tabIndex={-1}>
          {row.localNumber}
        </button>
      </div>
      <div role="gridcell">{createdAt}</div>
      <div role="gridcell" className="ellipsis" title={name}>
        {name} <span className="mono muted">{row.applicantIin}</span>
      </div>
      <div role="gridcell" className="ellipsis small" title={service}>
        {service}
      </div>
      <div role="gridcell">{t(`status.${row.status}`)}</div>
      <div role="gridcell" className="mono">
        {row.registrationNumber ?? ''}
      </div>
    </>
  );
}

function LoadingCells() {
  const { t } = useTranslation();
  return (
    <>
      <div role="gridcell" className="muted">
        {t('requestList.loading')}
      </div>
      {Array.from({ length: COLUMNS - 1 }, (_, i) => (
        <div role="gridcell" key={i} />
      ))}
    </>
  );
}
