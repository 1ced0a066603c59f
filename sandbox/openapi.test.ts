import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TUS_VERSION } from '../shared/gateway/gatewayProtocol';
import { connect, makeDataDir, removeDataDirs, type TestClient } from './sandboxTestKit';
import { startSandbox, type RunningSandbox } from './server';

const document = load(readFileSync(new URL('../shared/gateway/openapi.yaml', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).filter((key) => METHODS.includes(key)).map((method) => [method.toUpperCase(), path] as const));
const EXAMPLE: Record<string, string> = {
  uploadId: '0b7c2f3e-6f0e-4a52-9a51-2f2b4c8d9e10',
  sha256: 'a'.repeat(64),
  submissionId: '0191d2b4-5c1e-7a2b-9c3d-4e5f60718293',
  iin: '850515300016',
  bin: '150440123405',
  number: '12345671',
  reference: '1234567890',
};

let sandbox: RunningSandbox;
let client: TestClient;
beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: await makeDataDir(), crl: () => new Uint8Array([48, 0]), tsa: { respond: async () => new Uint8Array([48, 0]) } });
  client = await connect(sandbox.url);
});
afterAll(async () => {
  await sandbox.close();
  await removeDataDirs();
});

describe('the sandbox routes every operation in openapi.yaml', () => {
  it('lists the operations', () => expect(operations.length).toBeGreaterThanOrEqual(17));

  it.each(operations)('%s %s', async (method, template) => {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => EXAMPLE[name] ?? name);
    const result = await client.call(method, path, method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || method === 'DELETE' ? undefined : '', { 'tus-resumable': TUS_VERSION });
    expect(result.status).not.toBe(405);
    // A route's own 404 (unknown upload, no such person) is fine; the router's "No such resource" is not.
    if (result.status === 404 && result.text) expect(JSON.parse(result.text).title).not.toBe('No such resource');
  });
});
