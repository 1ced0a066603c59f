import { useLiveQuery } from 'dexie-react-hooks';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../shared/gateway/gatewayProtocol';
import { useAppServices } from '../../app/appContext';
import type { EventRow } from '../../db/database';
import type { MessageKey } from '../../i18n/i18n';

interface Entry {
  at: string;
  text: string;
  source: 'local' | 'gateway';
}

/** A local event in words: the workstation's own steps, and the outbox's states as the sync module records them. */
function localText(t: TFunction, event: EventRow): string {
  // Event types and paper names are stored text, so their keys are computed; an unknown event shows its type.
  if (event.type.startsWith('outbox.')) return t(`sync.state_${event.type.slice('outbox.'.length)}` as MessageKey);
  const data = event.data ?? {};
  return t(`timeline.${event.type.replace('.', '_')}` as MessageKey, { defaultValue: event.type, fileName: data.fileName ?? '', paper: typeof data.paper === 'string' ? t(`paperActions.${data.paper}` as MessageKey) : '', days: data.afterDays ?? '' });
}

/** Every event of the request in order: what happened here (local) and what the provider reported (gateway). */
export function RequestTimeline({ requestId, gatewayEvents }: { requestId: string; gatewayEvents: TimelineEvent[] }) {
  const { t, i18n } = useTranslation();
  const { db } = useAppServices();
  const local = useLiveQuery(() => db.events.where('requestId').equals(requestId).toArray(), [db, requestId]) ?? [];
  const entries: Entry[] = [
    ...local.map((event): Entry => ({ at: event.at, text: localText(t, event), source: 'local' })),
    ...gatewayEvents.map((event): Entry => ({ at: event.at, text: event.text, source: 'gateway' })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section aria-label={t('sync.timeline')}>
      <h3>{t('sync.timeline')}</h3>
      <ol className="timeline" data-testid="timeline">
        {entries.map((entry, i) => (
          <li key={`${entry.at}-${i}`} data-source={entry.source}>
            <time dateTime={entry.at}>{new Date(entry.at).toLocaleString(i18n.language, { timeZone: 'Asia/Almaty' })}</time> — {entry.text}{' '}
            <span className="muted small">({t(entry.source === 'local' ? 'timeline.sourceLocal' : 'timeline.sourceGateway')})</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
