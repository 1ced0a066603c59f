/**
 * Gateway answers as a broken server, a captive portal or a hostile network gives them, to the host's gateway.*
 * calls (and to the transport itself where only a short timeout makes the case quick). Each outcome is said the way
 * the request screen says the outbox's last error (LAST_ERROR_TEXT); a result that fails its checks is never kept.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { paths } from '../../../shared/gateway/gatewayProtocol';
import { withCheckDigit } from '../../../shared/identity/iin';
import type { OutboxErrorKind } from '../../../shared/sync/outbox';
import { TRAINING_GATEWAY_CLIENT } from '../../../shared/training/trainingGatewayClient';
import { createResultSigner } from '../../../sandbox/processing/resultDocument';
import { individualByIin, legalEntityByBin } from '../../../sandbox/registries/syntheticRegistries';
import { createHttpGatewayTransport, MAX_ANSWER_BYTES } from '../../../electron/host/gateway/gatewayTransport';
import { createDocumentStore } from '../../../electron/host/storage/documentStore';
import { createSecretKeyProtector } from '../../../electron/host/vault/secretKeyProtector';
import { openVault } from '../../../electron/host/vault/vault';
import { lookupOf, type Answer } from '../../../renderer/src/features/intake/useRegistryLookup';
import { LAST_ERROR_TEXT } from '../../../renderer/src/features/requests/SubmissionState';
import { ACCEPTED, uiMessage, type BadInputCase, type Outcome } from '../corpus';
import type { Responder } from '../hostileGateway';
import { sign, type Workstation } from '../workstation';

/** One real submission per workstation, committed through the proxy to the sandbox: the good calls' subject. */
const submissions = new WeakMap<Workstation, Promise<{ submissionId: string; signedXml: string }>>();
function submissionOf(workstation: Workstation) {
  let submission = submissions.get(workstation);
  if (!submission) {
    submission = sign(workstation, workstation.signKeyId).then(({ signedXml, document }) => ({ submissionId: document.submissionId, signedXml }));
    submissions.set(workstation, submission);
  }
  return submission;
}

/** The outcome class as the outbox records it (a result that fails verification is its own kind there). */
function gatewayOutcome(kind: string): Outcome {
  if (['accepted', 'status', 'result', 'uploaded'].includes(kind)) return { key: ACCEPTED, texts: { kk: '', ru: '', en: '' } };
  const recorded = (kind === 'invalid' ? 'result_invalid' : kind) as OutboxErrorKind;
  return uiMessage(LAST_ERROR_TEXT[recorded] ?? `unclassified.${kind}`);
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Responder => (_request, response) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers }).end(text);
};

const commitPath = (submissionId: string) => new RegExp(`^${paths.submission(submissionId)}$`);
const resultPath = (submissionId: string) => new RegExp(`^${paths.submissionResult(submissionId)}$`);

/** What the sandbox answers to a commit, so each bad answer differs from a good one in one thing only. */
const statusOf = (submissionId: string) => ({ submissionId, registrationNumber: 'KZ-EL-2026-000123', status: 'registered', receivedAt: new Date().toISOString(), events: [] });

async function commitThroughHost(workstation: Workstation): Promise<string> {
  const { submissionId, signedXml } = await submissionOf(workstation);
  return (await workstation.client.call('gateway.commit', { submissionId, signedXml, attachments: [] })).kind;
}

async function commitStillWorks(workstation: Workstation): Promise<void> {
  const kind = await commitThroughHost(workstation);
  if (kind !== 'accepted') throw new Error(`the good commit came back ${kind}`);
}

function commitAnswer(id: string, description: string, answer: (submissionId: string) => { path: RegExp; responder: Responder; times?: number }[], expected: string): BadInputCase<Workstation> {
  return {
    id,
    area: 'gateway',
    description,
    expected,
    stillWorks: commitStillWorks,
    async run(workstation) {
      const { submissionId } = await submissionOf(workstation);
      for (const { path, responder, times } of answer(submissionId)) workstation.gateway.answerNext(path, responder, times);
      return gatewayOutcome(await commitThroughHost(workstation));
    },
  };
}

const commitOnce = (responder: Responder) => (submissionId: string) => [{ path: commitPath(submissionId), responder }];

/** A signed result for the submission, as the provider signs it; `spoil` makes one thing about it wrong. */
type Spoil = (result: Record<string, unknown>, workstation: Workstation) => Promise<void> | void;

async function resultFor(workstation: Workstation, submissionId: string, spoil: Spoil = () => undefined) {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  const bytes = await pdf.save();
  const signer = await createResultSigner(workstation.pki);
  const result: Record<string, unknown> = {
    submissionId,
    registrationNumber: 'KZ-EL-2026-000123',
    kind: 'license',
    decidedAt: new Date().toISOString(),
    licenseNumber: 'KZ77LIC00012345',
    document: { fileName: 'license.pdf', mimeType: 'application/pdf', sha256: createHash('sha256').update(bytes).digest('hex'), contentBase64: Buffer.from(bytes).toString('base64') },
    cmsBase64: Buffer.from(await signer.sign(bytes, new Date())).toString('base64'),
  };
  await spoil(result, workstation);
  return result;
}

async function fetchResult(workstation: Workstation, spoil?: Spoil): Promise<string> {
  const { submissionId } = await submissionOf(workstation);
  workstation.gateway.answerNext(resultPath(submissionId), json(200, await resultFor(workstation, submissionId, spoil)));
  return (await workstation.client.call('gateway.result', { submissionId })).kind;
}

function result(id: string, description: string, spoil: Spoil): BadInputCase<Workstation> {
  return {
    id,
    area: 'gateway',
    description,
    expected: 'sync.errorResultInvalid',
    run: async (workstation) => gatewayOutcome(await fetchResult(workstation, spoil)),
    async stillWorks(workstation) {
      const kind = await fetchResult(workstation);
      if (kind !== 'result') throw new Error(`a good result came back ${kind}`);
    },
  };
}

/** Headers, then a byte every 200 ms: alive, and never done. */
const slowDrip: Responder = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  const timer = setInterval(() => response.write(' '), 200);
  response.on('close', () => clearInterval(timer));
};

/** A body that never ends, streamed without a length as a runaway server sends it: only the cap stops the reading. */
const endless: Responder = (_request, response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const more = () => {
    while (!response.destroyed) if (!response.write(chunk)) return void response.once('drain', more);
  };
  response.on('error', () => undefined);
  more();
};

/** The transport alone with a 4 s timeout (the host's is 30 s), on the same proxy and sandbox. */
const transports = new WeakMap<Workstation, ReturnType<typeof openTransport>>();
const transportOf = (workstation: Workstation) => {
  if (!transports.has(workstation)) transports.set(workstation, openTransport(workstation));
  return transports.get(workstation)!;
};

async function openTransport(workstation: Workstation) {
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-bad-input-transport-'));
  const vault = await openVault({ folder: join(dir, 'vault'), protector: createSecretKeyProtector('bad-input transport', { logN: 10 }) });
  return createHttpGatewayTransport({ baseUrl: workstation.gateway.url, documents: createDocumentStore(join(dir, 'documents'), vault), credentials: async () => TRAINING_GATEWAY_CLIENT, uploadStateFile: join(dir, 'uploads.json'), atRest: vault, timeoutMs: 4_000 });
}

/** A registry look-up as the request form says its outcome (RegistryNote over lookupOf). */
async function lookUpOutcome(workstation: Workstation, kind: 'individual' | 'legalEntity', number: string): Promise<Outcome> {
  const answer: Answer<unknown> = kind === 'individual' ? await workstation.client.call('registry.individual', { iin: number }) : await workstation.client.call('registry.legalEntity', { bin: number });
  const { state } = lookupOf(`${kind}:${number}`, answer);
  return state === 'found' ? gatewayOutcome('accepted') : uiMessage(`intake.registry_${state}`);
}

/** A real applicant of the sandbox's registries, and a real company of them. */
const PERSON = withCheckDigit('85051530001')!;
const COMPANY = withCheckDigit('15044012340')!;

function registryAnswer(id: string, description: string, kind: 'individual' | 'legalEntity', responder: (number: string) => Responder): BadInputCase<Workstation> {
  const number = kind === 'individual' ? PERSON : COMPANY;
  const path = new RegExp(`^${kind === 'individual' ? paths.individual(number) : paths.legalEntity(number)}$`);
  return {
    id,
    area: 'gateway',
    description,
    expected: 'intake.registry_unavailable',
    async run(workstation) {
      workstation.gateway.answerNext(path, responder(number));
      return lookUpOutcome(workstation, kind, number);
    },
    async stillWorks(workstation) {
      const outcome = await lookUpOutcome(workstation, kind, number);
      if (outcome.key !== ACCEPTED) throw new Error(`the registry did not find ${number}: ${outcome.key}`);
    },
  };
}

const HTML_502 = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

export const gatewayCases: BadInputCase<Workstation>[] = [
  commitAnswer('gateway-malformed-json', 'a 200 whose JSON is cut and broken', commitOnce(json(200, '{"submissionId": "a1b2", "registrationNumber": ')), 'request.errorTransient'),
  commitAnswer('gateway-html-502', 'an HTML 502 page from a proxy', commitOnce((_request, response) => void response.writeHead(502, { 'content-type': 'text/html' }).end(HTML_502)), 'request.errorTransient'),
  commitAnswer('gateway-wrong-shape', 'valid JSON of another shape', commitOnce(json(200, { ok: true, data: [1, 2, 3] })), 'request.errorTransient'),
  commitAnswer('gateway-empty-200', 'a 200 with an empty body', commitOnce(json(200, '')), 'request.errorTransient'),
  commitAnswer('gateway-huge-body', `a body that never ends (read up to ${MAX_ANSWER_BYTES / 1024 / 1024} MiB, then refused)`, commitOnce(endless), 'request.errorTransient'),
  commitAnswer('gateway-redirect-loop', 'a redirect loop', (submissionId) => [
    { path: commitPath(submissionId), responder: (_request, response) => void response.writeHead(307, { location: '/loop/0' }).end() },
    { path: /^\/loop\//, responder: (request, response) => void response.writeHead(307, { location: `/loop/${Number(request.url?.split('/').at(-1)) + 1}` }).end(), times: 20 },
  ], 'request.errorUnreachable'),
  commitAnswer('gateway-unknown-status', 'a status value the protocol does not have', (submissionId) => [{ path: commitPath(submissionId), responder: json(200, { ...statusOf(submissionId), status: 'approved_probably' }) }], 'request.errorTransient'),
  commitAnswer('gateway-registration-number', 'a registration number of the wrong format (markup and a line break)', (submissionId) => [{ path: commitPath(submissionId), responder: json(200, { ...statusOf(submissionId), registrationNumber: '<b>KZ-EL</b>\n2026' }) }], 'request.errorTransient'),
  commitAnswer('gateway-4xx-not-problem', 'a 400 whose body is a portal’s text, not a problem document', commitOnce((_request, response) => void response.writeHead(400, { 'content-type': 'text/plain' }).end('Bad Request')), 'request.errorTransient'),
  commitAnswer('gateway-refusal', 'a genuine refusal (422 problem document)', commitOnce(json(422, { type: 'https://qabyl.kz/problems/invalid-submission', title: 'The submission is invalid', status: 422, detail: 'unknown service' }, { 'content-type': 'application/problem+json' })), 'request.errorPermanent'),
  commitAnswer('gateway-401-twice', 'the token refused even after renewal', (submissionId) => [{ path: commitPath(submissionId), responder: json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }), times: 2 }], 'sync.errorAuth'),
  commitAnswer('gateway-token-portal', 'the token endpoint answered by a captive portal', (submissionId) => [
    { path: commitPath(submissionId), responder: json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }) },
    { path: new RegExp(`^${paths.token}$`), responder: (_request, response) => void response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><form action="/login">Wi-Fi login</form></body></html>') },
  ], 'request.errorTransient'),
  {
    id: 'gateway-slow-drip',
    area: 'gateway',
    description: 'an answer that drips a byte at a time past the timeout',
    expected: 'request.errorUnreachable',
    async run(workstation) {
      const { submissionId, signedXml } = await submissionOf(workstation);
      workstation.gateway.answerNext(commitPath(submissionId), slowDrip);
      return gatewayOutcome((await (await transportOf(workstation)).commit(submissionId, { signedXml, attachments: [] })).kind);
    },
    async stillWorks(workstation) {
      const { submissionId, signedXml } = await submissionOf(workstation);
      const outcome = await (await transportOf(workstation)).commit(submissionId, { signedXml, attachments: [] });
      if (outcome.kind !== 'accepted') throw new Error(`the good commit came back ${outcome.kind}`);
    },
  },
  registryAnswer('gateway-registry-other-person', 'the person registry answers with another person’s record', 'individual', () =>
    json(200, { ...individualByIin(PERSON)!, iin: withCheckDigit('90020240013')!, surname: 'Басқа', givenName: 'Адам' }),
  ),
  registryAnswer('gateway-registry-other-company', 'the company registry answers with another company’s record', 'legalEntity', () => json(200, { ...legalEntityByBin(COMPANY)!, bin: withCheckDigit('12034000123')! })),
  registryAnswer('gateway-registry-portal', 'a captive portal’s page for a registry look-up', 'individual', () => (_request, response) => void response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Wi-Fi login</body></html>')),
  registryAnswer('gateway-registry-wrong-shape', 'a registry record without names or birth date', 'individual', (number) => json(200, { iin: number, found: true })),
  result('gateway-result-bad-signature', 'a result whose provider signature is over other bytes', async (spoiled, workstation) => {
    const signer = await createResultSigner(workstation.pki);
    spoiled.cmsBase64 = Buffer.from(await signer.sign(new TextEncoder().encode('another document'), new Date())).toString('base64');
  }),
  result('gateway-result-other-submission', 'a result for another submission', (spoiled) => void (spoiled.submissionId = randomUUID())),
  result('gateway-result-digest', 'a result whose document does not match its SHA-256', (spoiled) => {
    const document = spoiled.document as { sha256: string };
    document.sha256 = createHash('sha256').update('another document').digest('hex');
  }),
];
