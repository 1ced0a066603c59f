/**
 * What must hold after the app was killed at any point (issue 8, crash safety), checked over a snapshot of
 * everything the workstation keeps: the Dexie rows, the host's document store and scan batches, and what the
 * gateway holds. Rows are read as stored, so the checks ask for presence, not content (personal fields may be
 * encrypted at rest). Each problem is a sentence naming the row or file, so a failure says what broke.
 */
import type { Page } from '@playwright/test';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { outboxStates, type OutboxState } from '../../shared/sync/outbox';
import { requestStatusOf } from '../../renderer/src/db/dexieOutboxStore';
import { namesIn } from '../../electron/host/storage/storeSweep';
import { SCAN_BATCH_KEY_PREFIX } from '../../renderer/src/features/scanning/useScanBatch';
import { createFieldCipher, fieldKeysFromBase64 } from '../../renderer/src/db/fieldCrypto';
import { openRow } from '../../renderer/src/db/sealedFields';
import { gatewaySubmissions, hostCall, logInAtHost, readTables, type GatewaySubmission } from './workstationData';

type Row = Record<string, unknown>;

export interface StoredFile {
  name: string;
  /** Written before this run of the host started: nothing of this run can still be about to reference it. */
  beforeRun: boolean;
}

export interface BatchOnDisk {
  batchId: string;
  beforeRun: boolean;
  /** Why the host could not show a batch a checklist item holds (its journal or a page gone or torn). */
  unreadable?: string;
}

export interface CrashSnapshot {
  requests: Row[];
  documents: Row[];
  outbox: Row[];
  storedDocuments: StoredFile[];
  scanBatches: BatchOnDisk[];
  /** Batch ids the renderer holds for checklist items. */
  openBatches: string[];
  gateway: GatewaySubmission[];
}

const DRAFT_LIKE = new Set(['draft', 'not_accepted']);
const SENT_ON = new Set(['queued', 'submitted', 'completed', 'rejected', 'needs_attention']);
const REGISTERED = new Set<OutboxState>(['submitted', 'completed', 'rejected']);
const SHA256 = /^[0-9a-f]{64}$/;

const present = (value: unknown) => value !== undefined && value !== null && value !== '';
const missingOf = (row: Row, fields: string[]) => fields.filter((field) => !present(row[field]));

export function crashProblems(snapshot: CrashSnapshot): string[] {
  const problems: string[] = [];
  const requests = new Map<string, Row>();
  const outboxByRequest = new Map<string, Row[]>();
  const referenced = new Set<string>();
  const stored = new Map(snapshot.storedDocuments.map((file) => [file.name, file]));

  for (const entry of snapshot.outbox) {
    const requestId = String(entry.requestId);
    outboxByRequest.set(requestId, [...(outboxByRequest.get(requestId) ?? []), entry]);
  }

  for (const request of snapshot.requests) {
    const id = String(request.id ?? '?');
    const incomplete = missingOf(request, ['id', 'localNumber', 'serviceId', 'status', 'applicant', 'form', 'createdAt', 'updatedAt']);
    if (incomplete.length > 0) problems.push(`request ${id} is incomplete: no ${incomplete.join(', ')}`);
    requests.set(id, request);
    const status = String(request.status);
    const entries = outboxByRequest.get(id) ?? [];
    if (DRAFT_LIKE.has(status)) {
      const halfSigned = ['signedXml', 'signer', 'acceptedAt'].filter((field) => present(request[field]));
      if (halfSigned.length > 0) problems.push(`request ${id} is ${status} but carries ${halfSigned.join(', ')}`);
      if (entries.length > 0) problems.push(`request ${id} is ${status} but has an outbox entry`);
    } else if (SENT_ON.has(status)) {
      const unsigned = missingOf(request, ['signedXml', 'signer', 'acceptedAt']);
      if (unsigned.length > 0) problems.push(`request ${id} is ${status} without ${unsigned.join(', ')}`);
      if (entries.length !== 1) problems.push(`request ${id} is ${status} with ${entries.length} outbox entries`);
    } else problems.push(`request ${id} has an unknown status ${status}`);
  }

  for (const entry of snapshot.outbox) {
    const id = String(entry.id ?? '?');
    const state = entry.state as OutboxState;
    const payload = entry.payload as { signedXml?: unknown; attachments?: { sha256?: unknown }[] } | undefined;
    if (entry.requestId !== entry.id) problems.push(`outbox entry ${id} is for another request ${String(entry.requestId)}`);
    if (!outboxStates.includes(state)) problems.push(`outbox entry ${id} has an unknown state ${String(state)}`);
    if (!present(payload?.signedXml) || !Array.isArray(payload?.attachments)) problems.push(`outbox entry ${id} has no complete payload`);
    if (!Array.isArray(entry.uploaded)) problems.push(`outbox entry ${id} has no upload list`);
    if (REGISTERED.has(state) && !present(entry.registrationNumber)) problems.push(`outbox entry ${id} is ${state} without a registration number`);
    const request = requests.get(String(entry.requestId));
    if (!request) problems.push(`outbox entry ${id} points at no request`);
    else if (outboxStates.includes(state) && request.status !== requestStatusOf(state)) problems.push(`outbox entry ${id} is ${state} but its request is ${String(request.status)}`);
    for (const attachment of payload?.attachments ?? []) referenced.add(String(attachment.sha256));
    // The gateway refuses a package whose signed XML lists other files than it carries.
    const listed = [...String(payload?.signedXml ?? '').matchAll(/<attachment sha256="([0-9a-f]{64})"/g)].map((match) => match[1]).sort();
    const carried = (payload?.attachments ?? []).map((attachment) => String(attachment.sha256)).sort();
    if (listed.join() !== carried.join()) problems.push(`outbox entry ${id} carries ${carried.length} files, its signed XML lists ${listed.length} others or more`);
    const result = entry.result as { documentSha256?: unknown } | undefined;
    if (result) referenced.add(String(result.documentSha256));
  }

  for (const document of snapshot.documents) {
    const id = String(document.id ?? '?');
    const incomplete = missingOf(document, ['id', 'requestId', 'sha256', 'fileName', 'mimeType', 'size', 'addedAt']);
    if (incomplete.length > 0) problems.push(`document ${id} is incomplete: no ${incomplete.join(', ')}`);
    if (!requests.has(String(document.requestId))) problems.push(`document ${id} belongs to no request`);
    const entry = outboxByRequest.get(String(document.requestId))?.[0];
    const payload = entry?.payload as { attachments?: { sha256?: unknown }[] } | undefined;
    if (entry && !payload?.attachments?.some((attachment) => attachment.sha256 === document.sha256)) problems.push(`document ${id} was accepted with request ${String(document.requestId)} but is not in its package`);
    referenced.add(String(document.sha256));
  }

  for (const sha256 of referenced) if (!stored.has(sha256)) problems.push(`document ${sha256} is referenced but not stored`);
  for (const file of snapshot.storedDocuments) {
    if (!SHA256.test(file.name)) {
      if (file.beforeRun) problems.push(`stored file ${file.name} is a leftover (not a document)`);
    } else if (file.beforeRun && !referenced.has(file.name)) problems.push(`stored document ${file.name} is an orphan`);
  }

  const open = new Set(snapshot.openBatches);
  for (const batch of snapshot.scanBatches) {
    if (batch.beforeRun && !open.has(batch.batchId)) problems.push(`scan batch ${batch.batchId} was left behind`);
    if (batch.unreadable) problems.push(`scan batch ${batch.batchId} cannot be resumed: ${batch.unreadable}`);
  }

  const held = new Map<string, number>();
  for (const submission of snapshot.gateway) held.set(submission.submissionId, (held.get(submission.submissionId) ?? 0) + 1);
  for (const [submissionId, times] of held) {
    if (times > 1) problems.push(`the gateway holds ${submissionId} ${times} times`);
    const request = requests.get(submissionId);
    if (!request || !SENT_ON.has(String(request.status)) || (outboxByRequest.get(submissionId) ?? []).length === 0) problems.push(`the gateway holds ${submissionId}, which is not queued here`);
  }
  for (const submission of snapshot.gateway) {
    const local = outboxByRequest.get(submission.submissionId)?.[0];
    if (local && present(local.registrationNumber) && local.registrationNumber !== submission.registrationNumber) problems.push(`outbox entry ${submission.submissionId} has registration ${String(local.registrationNumber)}, the gateway ${submission.registrationNumber}`);
  }
  return problems;
}

const olderThan = async (path: string, runStartedAt: number) => ((await stat(path).catch(() => null))?.mtimeMs ?? Infinity) < runStartedAt;

/**
 * Reads the snapshot: rows through the page, opened with the app's own field sealing (sealedFields.ts) and the
 * keys the host hands the renderer; stored files from the host's data folder; the batches a checklist item holds
 * through the host, as the scan panel would resume them; submissions from the sandbox's folder.
 */
export async function readCrashSnapshot(page: Page, options: { launchUrl: string; hostDataDir: string; sandboxDataDir: string; runStartedAt: number }): Promise<CrashSnapshot> {
  const { launchUrl, hostDataDir, runStartedAt } = options;
  const cipher = createFieldCipher(fieldKeysFromBase64((await hostCall(launchUrl, 'vault.keys', {})) as { fieldKeyBase64: string; indexKeyBase64: string }));
  // One moment of the store of record: the sync engine keeps moving entries while the check runs.
  const stored = await readTables(page, ['requests', 'documents', 'outbox']);
  const opened = (table: string) => (stored[table] ?? []).map((row) => openRow(table, row, cipher) as Row);
  const [requests, documents, outbox] = [opened('requests'), opened('documents'), opened('outbox')];
  const storedDocuments: StoredFile[] = [];
  const documentsDir = join(hostDataDir, 'documents');
  for (const prefix of await namesIn(documentsDir)) {
    for (const name of await namesIn(join(documentsDir, prefix))) storedDocuments.push({ name, beforeRun: await olderThan(join(documentsDir, prefix, name), runStartedAt) });
  }
  const openBatches = await page.evaluate((prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)).map((key) => localStorage.getItem(key) ?? ''), SCAN_BATCH_KEY_PREFIX);
  const scanBatches: BatchOnDisk[] = [];
  const scansDir = join(hostDataDir, 'scans');
  // Batches are an operator's: after a restart nobody is logged in at the host yet.
  await logInAtHost(launchUrl);
  for (const batchId of await namesIn(scansDir)) {
    const batch: BatchOnDisk = { batchId, beforeRun: await olderThan(join(scansDir, batchId), runStartedAt) };
    if (openBatches.includes(batchId)) await hostCall(launchUrl, 'scan.view', { batchId }).catch((error: unknown) => (batch.unreadable = error instanceof Error ? error.message : String(error)));
    scanBatches.push(batch);
  }
  return { requests, documents, outbox, storedDocuments, scanBatches, openBatches, gateway: await gatewaySubmissions(options.sandboxDataDir) };
}
