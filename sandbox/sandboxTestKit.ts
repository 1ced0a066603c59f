/** Shared helpers for the sandbox tests: temp data dirs, well-formed submissions, HTTP calls. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { submissionPath, type SubmissionBody } from '../shared/gateway/gatewayProtocol';
import { sampleRequestDocument } from '../shared/request/requestDocument.testkit';
import { buildRequestXml } from '../shared/request/requestDocument';
import { sha256Hex } from './submissionChecks';

export const FIXED_NOW = new Date('2026-11-22T10:00:00.000Z');

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
 * A consistent submission whose signed XML lists the given file contents as attachments.
 * `listedSha256` overrides what the XML lists, to build inconsistent packages.
 */
export function makeSubmission(
  submissionId: string,
  fileContents: readonly string[] = ['scan of passport'],
  listedSha256?: readonly string[],
): SubmissionBody {
  const attachments = fileContents.map((content, i) => ({
    sha256: sha256Hex(content),
    fileName: `scan-${i + 1}.pdf`,
    mimeType: 'application/pdf',
    contentBase64: Buffer.from(content).toString('base64'),
  }));
  const signedXml = buildRequestXml(
    sampleRequestDocument({
      submissionId,
      form: { purpose: 'excavation' },
      attachments: (listedSha256 ?? attachments.map((a) => a.sha256)).map((sha256) => ({ sha256, fileName: 'scan.pdf', mimeType: 'application/pdf', size: 1 })),
      createdAt: FIXED_NOW.toISOString(),
    }),
  );
  return { signedXml, attachments };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
}

/** `body` is sent as is when a string (to send malformed JSON), otherwise as JSON. */
export async function request(baseUrl: string, method: string, path: string, body?: unknown): Promise<HttpResult> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await fetch(baseUrl + path, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export const putSubmission = (baseUrl: string, submissionId: string, body: unknown) =>
  request(baseUrl, 'PUT', submissionPath(submissionId), body);

export const getSubmission = (baseUrl: string, submissionId: string) =>
  request(baseUrl, 'GET', submissionPath(submissionId));
