import { describe, expect, it } from 'vitest';
import { crashProblems, type CrashSnapshot } from './crashInvariants';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const R = 'c'.repeat(64);
const at = '2026-12-03T10:00:00.000Z';
const signed = { signedXml: '<request/>', signer: { iin: '900101400017' }, acceptedAt: at };
const xmlListing = (...sha256s: string[]) => `<request>${sha256s.map((sha256) => `<attachment sha256="${sha256}" size="1" mimeType="application/pdf">f.pdf</attachment>`).join('')}</request>`;
const base = { localNumber: 'ALM-1', serviceId: 's', applicant: { surname: 'Ә' }, form: {}, createdAt: at, updatedAt: at };
const BATCH = '11111111-1111-4111-8111-111111111111';

/** A workstation after a clean stop: a draft with a scan, a queued request, a completed one the gateway holds. */
function consistent(): CrashSnapshot {
  return {
    requests: [
      { id: 'draft', status: 'draft', ...base },
      { id: 'queued', status: 'queued', ...base, ...signed },
      { id: 'done', status: 'completed', ...base, ...signed, registrationNumber: 'KZ-1' },
    ],
    documents: [
      { id: 'd1', requestId: 'draft', sha256: A, fileName: 'a.pdf', mimeType: 'application/pdf', size: 1, addedAt: at },
      { id: 'd2', requestId: 'queued', sha256: B, fileName: 'b.pdf', mimeType: 'application/pdf', size: 1, addedAt: at },
    ],
    outbox: [
      { id: 'queued', requestId: 'queued', state: 'uploading', uploaded: [], payload: { signedXml: xmlListing(B), attachments: [{ sha256: B }] } },
      { id: 'done', requestId: 'done', state: 'completed', uploaded: [], registrationNumber: 'KZ-1', result: { documentSha256: R }, payload: { signedXml: '<request/>', attachments: [] } },
    ],
    storedDocuments: [A, B, R].map((name) => ({ name, beforeRun: true })),
    scanBatches: [{ batchId: BATCH, beforeRun: true }],
    openBatches: [BATCH],
    gateway: [{ submissionId: 'done', registrationNumber: 'KZ-1', attachments: [] }],
  };
}

/** Each a state a crash could leave, and the problem it must be reported as. */
const broken: [string, (s: CrashSnapshot) => void, RegExp][] = [
  ['a torn request row', (s) => delete s.requests[0]!.updatedAt, /request draft is incomplete: no updatedAt/],
  ['a draft half signed', (s) => Object.assign(s.requests[0]!, { signedXml: '<request/>' }), /draft but carries signedXml/],
  ['a draft with an outbox entry', (s) => s.outbox.push({ id: 'draft', requestId: 'draft', state: 'queued', uploaded: [], payload: { signedXml: 'x', attachments: [] } }), /draft but has an outbox entry/],
  ['queued without a signer', (s) => delete s.requests[1]!.signer, /queued without signer/],
  ['queued without its outbox entry', (s) => s.outbox.splice(0, 1), /queued with 0 outbox entries/],
  ['an outbox entry of no request', (s) => s.requests.splice(1, 1), /outbox entry queued points at no request/],
  ['status and outbox state apart', (s) => Object.assign(s.outbox[1]!, { state: 'submitted' }), /submitted but its request is completed/],
  ['registered without a number', (s) => delete s.outbox[1]!.registrationNumber, /completed without a registration number/],
  ['a document row without its file', (s) => s.storedDocuments.splice(0, 1), new RegExp(`document ${A} is referenced but not stored`)],
  ['a result without its file', (s) => s.storedDocuments.splice(2, 1), new RegExp(`document ${R} is referenced but not stored`)],
  ['an orphaned document', (s) => s.storedDocuments.push({ name: 'd'.repeat(64), beforeRun: true }), /is an orphan/],
  ['a torn temp file', (s) => s.storedDocuments.push({ name: `${A}.ab12.tmp`, beforeRun: true }), /leftover/],
  ['an abandoned scan batch', (s) => (s.openBatches = []), /was left behind/],
  ['a batch its item cannot resume', (s) => (s.scanBatches[0]!.unreadable = 'scan.unknownBatch'), /cannot be resumed: scan.unknownBatch/],
  ['a package its signature does not cover', (s) => ((s.outbox[0]!.payload as { attachments: unknown[] }).attachments.push({ sha256: A })), /carries 2 files, its signed XML lists 1/],
  ['a document accepted but left out of the package', (s) => Object.assign(s.documents[0]!, { requestId: 'queued' }), /is not in its package/],
  ['a document of no request', (s) => Object.assign(s.documents[0]!, { requestId: 'gone' }), /belongs to no request/],
  ['a submission held twice', (s) => s.gateway.push({ ...s.gateway[0]! }), /holds done 2 times/],
  ['a submission unknown here', (s) => s.gateway.push({ submissionId: 'stranger', registrationNumber: 'KZ-9', attachments: [] }), /holds stranger, which is not queued here/],
  ['a registration number apart', (s) => (s.gateway[0]!.registrationNumber = 'KZ-2'), /has registration KZ-1, the gateway KZ-2/],
];

describe('crash invariants', () => {
  it('find nothing wrong with a consistent workstation, nor with what this run has in flight', () => {
    const snapshot = consistent();
    snapshot.storedDocuments.push({ name: 'e'.repeat(64), beforeRun: false }, { name: `${A}.x.tmp`, beforeRun: false });
    snapshot.scanBatches.push({ batchId: '22222222-2222-4222-8222-222222222222', beforeRun: false });
    expect(crashProblems(snapshot)).toEqual([]);
  });

  it.each(broken)('report %s', (_name, breakIt, problem) => {
    const snapshot = consistent();
    breakIt(snapshot);
    const problems = crashProblems(snapshot);
    expect(problems.some((text) => problem.test(text)), problems.join('\n')).toBe(true);
  });
});
