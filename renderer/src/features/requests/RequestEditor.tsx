import { useEffect, useEffectEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { findService } from '../../../../shared/catalog/catalog';
import { useAppServices } from '../../app/appContext';
import { useRequestCatalog } from '../catalog/useRequestCatalog';
import { DraftForm } from './DraftForm';
import { SubmittedRequest } from './SubmittedRequest';

export function RequestEditor({ requestId, onBack, onNext, onOpen }: { requestId: string; onBack(): void; onNext(): void; onOpen(requestId: string): void }) {
  const { db } = useAppServices();
  // null = no such request (e.g. a stale "reopen" pointer), undefined = still loading.
  const request = useLiveQuery(async () => (await db.requests.get(requestId)) ?? null, [db, requestId]);
  const { catalog, error } = useRequestCatalog(request?.catalogVersion ?? '');
  const leave = useEffectEvent(() => onBack());
  useEffect(() => {
    if (request === null) leave();
  }, [request]);
  if (!request) return null;
  if (!catalog) return error ? <main className="card"><p className="error" role="alert">{error}</p></main> : null;
  const service = findService(catalog, request.serviceId);
  const kind = service?.kinds.find((candidate) => candidate.id === request.requestKind);
  if (!service || !kind) return null;
  return request.status === 'draft' ? (
    <DraftForm request={request} service={service} kind={kind} onBack={onBack} />
  ) : (
    <SubmittedRequest request={request} catalog={catalog} onBack={onBack} onNext={onNext} onOpen={onOpen} />
  );
}
