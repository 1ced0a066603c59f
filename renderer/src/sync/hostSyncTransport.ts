/**
 * The sync engine's network port in the renderer: every step is a host call (the host does the HTTP and keeps
 * the files); a host that cannot be asked counts as no link, so nothing is spent while the bridge is down.
 */
import type { HostClient } from '../../../shared/host/hostApi';
import { compareIndividual, compareLegalEntity, comparePowerOfAttorney, type ApplicantVerdict } from '../../../shared/sync/applicantMatch';
import { isFirstAttempt, type OutboxEntry } from '../../../shared/sync/outbox';
import type { SyncTransport } from '../../../shared/sync/outboxEngine';
import type { ApplicantCheck } from '../../../shared/sync/syncOutcomes';

const unreachable = (error: unknown) => ({ kind: 'unreachable' as const, detail: error instanceof Error ? error.message : String(error) });

async function viaHost<T>(work: () => Promise<T>): Promise<T | ReturnType<typeof unreachable>> {
  try {
    return await work();
  } catch (error) {
    return unreachable(error);
  }
}

function checkOf(verdict: ApplicantVerdict): ApplicantCheck {
  return verdict.match ? { kind: 'match' } : { kind: 'mismatch', detail: `${verdict.registry} ≠ ${verdict.typed}`, registry: verdict.registry, typed: verdict.typed };
}

export function hostSyncTransport(host: HostClient): SyncTransport {
  return {
    probe: async () => (await host.call('gateway.probe', {})).reachable,
    checkApplicant: (entry) =>
      viaHost(async (): Promise<ApplicantCheck> => {
        const applicant = await checkApplicant(host, entry);
        return applicant.kind === 'match' ? checkPowerOfAttorney(host, entry) : applicant;
      }),
    upload: (entry, sha256) =>
      viaHost(async () => {
        const attachment = entry.payload.attachments.find((a) => a.sha256 === sha256);
        if (!attachment) throw new Error(`attachment ${sha256} is not in the request`);
        return host.call('gateway.upload', { submissionId: entry.id, sha256, fileName: attachment.fileName, mimeType: attachment.mimeType, firstAttempt: isFirstAttempt(entry) });
      }),
    commit: (entry) => viaHost(() => host.call('gateway.commit', { submissionId: entry.id, signedXml: entry.payload.signedXml, attachments: entry.payload.attachments })),
    poll: (entry) => viaHost(() => host.call('gateway.poll', { submissionId: entry.id })),
    fetchResult: (entry) => viaHost(() => host.call('gateway.result', { submissionId: entry.id })),
  };
}

async function checkApplicant(host: HostClient, entry: OutboxEntry): Promise<ApplicantCheck> {
  const typed = entry.payload.verifyApplicant;
  if (!typed) return { kind: 'match' };
  if (typed.kind === 'individual') {
    const found = await host.call('registry.individual', { iin: typed.iin });
    if (found.kind === 'none') return { kind: 'mismatch', detail: `${typed.iin}: —`, registry: '—', typed: `${typed.surname} ${typed.givenName}` };
    return found.kind === 'found' ? checkOf(compareIndividual(typed, found.record)) : found;
  }
  const found = await host.call('registry.legalEntity', { bin: typed.bin });
  if (found.kind === 'none') return { kind: 'mismatch', detail: `${typed.bin}: —`, registry: '—', typed: typed.name };
  return found.kind === 'found' ? checkOf(compareLegalEntity(typed, found.record)) : found;
}

async function checkPowerOfAttorney(host: HostClient, entry: OutboxEntry): Promise<ApplicantCheck> {
  const typed = entry.payload.verifyPowerOfAttorney;
  if (!typed) return { kind: 'match' };
  const found = await host.call('registry.powerOfAttorney', { number: typed.number });
  if (found.kind === 'none') return { kind: 'mismatch', detail: `№ ${typed.number}: —` };
  return found.kind === 'found' ? checkOf(comparePowerOfAttorney(typed, found.record)) : found;
}
