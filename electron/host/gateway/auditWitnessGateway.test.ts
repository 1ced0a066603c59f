/**
 * Issue 16, item 1: the audit witness goes to the gateway with every submission and the gateway keeps the newest
 * per workstation, so a log cut back on the workstation's own disk is caught against a copy it cannot reach.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/server';
import type { AuditWitness } from '../../../shared/audit/auditWitness';
import { buildRequestXml } from '../../../shared/request/requestDocument';
import { sampleRequestDocument } from '../../../shared/request/requestDocument.testkit';
import { TRAINING_GATEWAY_CLIENT } from '../../../shared/training/trainingGatewayClient';
import { auditFileIn } from '../audit/auditChain';
import { openAuditLog } from '../audit/auditLog';
import { verifyAuditLog } from '../audit/verifyAuditLog';
import { createFileWitnessStore } from '../audit/auditWitnessStore';
import { createDocumentStore } from '../storage/documentStore';
import { keySealer } from '../vault/vault';
import { commitBody, createHttpGatewayTransport } from './gatewayTransport';

const cleanUp: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanUp.splice(0).map((step) => step()));
});

async function setUp() {
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-witness-gw-'));
  const sandbox: RunningSandbox = await startSandbox({ dataDir: join(dir, 'sandbox') });
  cleanUp.push(() => sandbox.close(), () => rm(dir, { recursive: true, force: true }));
  const audit = await openAuditLog({ dir: join(dir, 'audit'), witnessStore: createFileWitnessStore(join(dir, 'vault', 'audit-witness.json')), checkpointAfter: ['request.signed'] });
  cleanUp.unshift(() => audit.close());
  let sent: AuditWitness | null = null;
  const atRest = keySealer();
  const documents = createDocumentStore(join(dir, 'documents'), atRest);
  const transport = createHttpGatewayTransport({ baseUrl: sandbox.url, documents, credentials: async () => TRAINING_GATEWAY_CLIENT, uploadStateFile: join(dir, 'uploads.json'), atRest, auditWitness: () => sent ?? audit.witness() });
  const commit = async () => {
    const file = { ...(await documents.put(randomBytes(1000))), fileName: 'scan.pdf', mimeType: 'application/pdf' };
    expect(await transport.upload(file)).toMatchObject({ kind: 'uploaded' });
    const id = randomUUID();
    const body = await commitBody(buildRequestXml(sampleRequestDocument({ submissionId: id, attachments: [file], createdAt: new Date().toISOString() })), [file], (sha256) => documents.size(sha256));
    return transport.commit(id, body);
  };
  return { audit, transport, commit, pretend: (witness: AuditWitness) => void (sent = witness), dir: join(dir, 'audit') };
}

describe('the gateway as audit witness', () => {
  it('keeps the newest witness a workstation sent with its submissions, and an older one never replaces it', async () => {
    const { audit, transport, commit, pretend, dir } = await setUp();
    expect(await transport.auditWitness()).toEqual({ ok: true, value: null });
    await audit.append({ actor: { operatorId: 'op', login: 'op' }, action: 'request.signed', subject: randomUUID() });
    expect(await commit()).toMatchObject({ kind: 'accepted' });
    const newest = audit.witness()!;
    expect(await transport.auditWitness()).toEqual({ ok: true, value: newest });
    // A workstation whose log was cut back sends an older witness: the gateway keeps the newer one.
    pretend({ ...newest, seq: 2 });
    expect(await commit()).toMatchObject({ kind: 'accepted' });
    expect(await transport.auditWitness()).toEqual({ ok: true, value: newest });
    // And the log, cut back to its first two entries, is caught against the gateway's copy.
    await audit.close();
    const lines = (await readFile(auditFileIn(dir), 'utf8')).split('\n').filter(Boolean);
    await writeFile(auditFileIn(dir), `${lines.slice(0, 2).join('\n')}\n`);
    const result = await verifyAuditLog(dir, { witnesses: [{ witness: newest, source: 'gateway' }] });
    expect(result.firstProblem).toMatchObject({ kind: 'truncated', missing: { from: 3, to: newest.seq } });
  });
});
