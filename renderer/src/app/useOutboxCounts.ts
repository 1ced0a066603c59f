import { useLiveQuery } from 'dexie-react-hooks';
import { activeStates, claimableStates } from '../../../shared/sync/outbox';
import { useAppServices } from './appContext';

/** What waits in the outbox and what of it needs the operator: the shell's header and the home screen show both. */
export function useOutboxCounts(): { queueDepth: number; needsAttention: number } {
  const { db } = useAppServices();
  const queueDepth = useLiveQuery(() => db.outbox.where('state').anyOf([...claimableStates, ...activeStates]).count(), [db]) ?? 0;
  const needsAttention = useLiveQuery(() => db.outbox.where('state').equals('needs_attention').count(), [db]) ?? 0;
  return { queueDepth, needsAttention };
}
