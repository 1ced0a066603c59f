/** Shared helpers for the sandbox tests: temp data dirs, well-formed submissions, an authenticated v1 client. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paths, TUS_VERSION, uploadMetadataKeys, type SubmissionCommit } from '../shared/gateway/gatewayProtocol';
import { sampleRequestDocument } from '../shared/request/requestDocument.testkit';
import { buildRequestXml, type RequestDocument } from '../shared/request/requestDocument';
import { TRAINING_GATEWAY_CLIENT } from '../shared/training/trainingGatewayClient';
import { sha256Hex } from './submissionChecks';

export const FIXED_NOW = new Date('2026-11-22T10:00:00.000Z');
/** A valid IIN the synthetic registry holds (the sample document's own IIN fails its check digit). */
export const REGISTERED_IIN = '850515300016';

const dataDirs: string[] = [];

export async function makeDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-sandbox-'));
  dataDirs.push(dir);
  return dir;
}

export async function removeDataDirs(): Promise<void> {
  await Promise.all(dataDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * A consistent commit whose signed XML lists the given file contents as attachments.
 * `listedSha256` overrides what the XML lists, to build inconsistent packages; `document` overrides the request.
 */
export function makeSubmission(
  submissionId: string,
  fileContents: readonly string[] = ['scan of passport'],
  options: { listedSha256?: readonly string[]; document?: Partial<RequestDocument> } = {},
): SubmissionCommit {
  const attachments = fileContents.map((content, i) => ({
    sha256: sha256Hex(content),
    fileName: `scan-${i + 1}.pdf`,
    mimeType: 'application/pdf',
    size: Buffer.byteLength(content),
  }));
  const signedXml = buildRequestXml(
    sampleRequestDocument({
      submissionId,
      applicant: { kind: 'individual', iin: REGISTERED_IIN, surname: 'Әлиев', givenName: 'Нұрлан', patronymic: '' },
      form: { purpose: 'excavation' },
      attachments: (options.listedSha256 ?? attachments.map((a) => a.sha256)).map((sha256) => ({ sha256, fileName: 'scan.pdf', mimeType: 'application/pdf', size: 1 })),
      createdAt: FIXED_NOW.toISOString(),
      ...options.document,
    }),
  );
  return { signedXml, attachments };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
}

/** `body` is sent as is when a string or bytes (to send malformed JSON), otherwise as JSON. */
export async function request(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    const raw = typeof body === 'string' || body instanceof Uint8Array;
    init.body = raw ? (body as string | Uint8Array) : JSON.stringify(body);
    if (!raw) init.headers = { 'content-type': 'application/json', ...headers };
  }
  const response = await fetch(baseUrl + path, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export async function fetchToken(baseUrl: string, credentials: { clientId: string; clientSecret: string } = TRAINING_GATEWAY_CLIENT): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret });
  const result = await request(baseUrl, 'POST', paths.token, form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  if (result.status !== 200) throw new Error(`token: ${result.status} ${result.text}`);
  return (JSON.parse(result.text) as { access_token: string }).access_token;
}

export const tusHeaders = { 'tus-resumable': TUS_VERSION } as const;

export const uploadMetadata = (sha256: string, fileName = 'scan.pdf') =>
  `${uploadMetadataKeys.sha256} ${Buffer.from(sha256).toString('base64')},${uploadMetadataKeys.fileName} ${Buffer.from(fileName).toString('base64')}`;

/** A v1 client with a token: plain calls, and whole-file tus uploads. */
export async function connect(baseUrl: string) {
  const token = await fetchToken(baseUrl);
  const auth = { authorization: `Bearer ${token}` };
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => request(baseUrl, method, path, body, { ...auth, ...headers });
  const createUpload = async (bytes: Uint8Array, sha256 = sha256Hex(bytes)) => {
    const created = await call('POST', paths.uploads, undefined, { ...tusHeaders, 'upload-length': String(bytes.length), 'upload-metadata': uploadMetadata(sha256) });
    if (created.status !== 201) throw new Error(`create upload: ${created.status} ${created.text}`);
    return created.headers.get('location')!;
  };
  const patch = (location: string, offset: number, bytes: Uint8Array, headers: Record<string, string> = {}) =>
    call('PATCH', location, bytes, { ...tusHeaders, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), ...headers });
  return {
    token,
    call,
    createUpload,
    patch,
    async upload(content: string | Uint8Array): Promise<void> {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      const location = await createUpload(bytes);
      if (bytes.length === 0) return;
      const result = await patch(location, 0, bytes);
      if (result.status !== 204) throw new Error(`patch: ${result.status} ${result.text}`);
    },
    commit: (submissionId: string, body: unknown) => call('PUT', paths.submission(submissionId), body),
    status: (submissionId: string) => call('GET', paths.submission(submissionId)),
    result: (submissionId: string) => call('GET', paths.submissionResult(submissionId)),
  };
}
export type TestClient = Awaited<ReturnType<typeof connect>>;
