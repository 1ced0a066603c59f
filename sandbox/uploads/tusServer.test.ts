import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKSUM_MISMATCH_STATUS, paths, problemTypes, TUS_VERSION } from '../../shared/gateway/gatewayProtocol';
import { connect, FIXED_NOW, makeDataDir, removeDataDirs, request, tusHeaders, uploadMetadata, type TestClient } from '../sandboxTestKit';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../server';
import { sha256Hex } from '../submissionChecks';

let sandbox: RunningSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  await removeDataDirs();
});

async function setUp(options: Partial<SandboxOptions> = {}): Promise<{ client: TestClient; dataDir: string }> {
  const dataDir = await makeDataDir();
  sandbox = await startSandbox({ dataDir, now: () => FIXED_NOW, ...options });
  return { client: await connect(sandbox.url), dataDir };
}

const checksum = (bytes: Uint8Array, algorithm = 'sha256') => `${algorithm} ${createHash(algorithm).update(bytes).digest('base64')}`;
const offsetOf = async (client: TestClient, location: string) => Number((await client.call('HEAD', location, undefined, tusHeaders)).headers.get('upload-offset'));

/** Sends a PATCH whose body stops after `sent` of `total` declared bytes, then drops the connection. */
function cutOffPatch(url: string, token: string, location: string, offset: number, sent: Uint8Array, total: number, headers: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest(`${url}${location}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, ...tusHeaders, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'content-length': String(total), ...headers },
    });
    req.on('error', () => resolve());
    req.write(sent, () => setTimeout(() => req.destroy(), 50));
  });
}

/** Polls until the server has settled the cut-off PATCH (its offset or its stats moved). */
async function settled(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('tus server', () => {
  it('advertises its capabilities on OPTIONS', async () => {
    const { client } = await setUp({ maxUploadBytes: 1000 });
    const result = await client.call('OPTIONS', paths.uploads);
    expect(result.status).toBe(204);
    expect(result.headers.get('tus-version')).toBe(TUS_VERSION);
    expect(result.headers.get('tus-extension')).toBe('creation,creation-with-upload,expiration,checksum,termination');
    expect(result.headers.get('tus-checksum-algorithm')).toBe('sha256,sha1');
    expect(result.headers.get('tus-max-size')).toBe('1000');
  });

  it('creates, resumes from HEAD, checks each chunk, and stores the finished file under its sha256', async () => {
    const { client, dataDir } = await setUp();
    const bytes = Buffer.from('0123456789abcdefghij');
    const location = await client.createUpload(bytes);
    expect(location).toMatch(/^\/v1\/uploads\/[0-9a-f-]{36}$/);

    const first = await client.patch(location, 0, bytes.subarray(0, 8), { 'upload-checksum': checksum(bytes.subarray(0, 8)) });
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe('8');
    expect(first.headers.get('upload-expires')).toBe(new Date(FIXED_NOW.getTime() + 86_400_000).toUTCString());
    const head = await client.call('HEAD', location, undefined, tusHeaders);
    expect([head.status, head.headers.get('upload-offset'), head.headers.get('upload-length'), head.headers.get('cache-control')]).toEqual([200, '8', '20', 'no-store']);

    expect((await client.patch(location, 8, bytes.subarray(8), { 'upload-checksum': checksum(bytes.subarray(8), 'sha1') })).status).toBe(204);
    expect(await readFile(join(dataDir, 'attachments', sha256Hex(bytes)), 'utf8')).toBe(bytes.toString());
    expect((await client.call('HEAD', paths.blob(sha256Hex(bytes)))).status).toBe(200);
    expect((await client.call('HEAD', paths.blob(sha256Hex('other')))).status).toBe(404);
    // The completing PATCH again (its answer lost): the upload is done, nothing changes.
    expect((await client.patch(location, 20, Buffer.alloc(0))).headers.get('upload-offset')).toBe('20');
  });

  it('takes the first bytes with the creation (creation-with-upload), checksum and all, in one round trip', async () => {
    const { client, dataDir } = await setUp();
    const bytes = Buffer.from('created with its bytes');
    const create = (body: Uint8Array, sum: string) =>
      client.call('POST', paths.uploads, body, { ...tusHeaders, 'upload-length': String(bytes.length), 'upload-metadata': uploadMetadata(sha256Hex(bytes)), 'content-type': 'application/offset+octet-stream', 'upload-checksum': sum });

    const whole = await create(bytes, checksum(bytes));
    expect([whole.status, whole.headers.get('upload-offset')]).toEqual([201, String(bytes.length)]);
    expect(await readFile(join(dataDir, 'attachments', sha256Hex(bytes)), 'utf8')).toBe(bytes.toString());

    const part = await create(bytes.subarray(0, 7), checksum(bytes.subarray(0, 7)));
    expect([part.status, part.headers.get('upload-offset')]).toEqual([201, '7']);
    expect(await offsetOf(client, part.headers.get('location')!)).toBe(7);
    expect((await create(bytes, checksum(Buffer.from('other bytes')))).status).toBe(CHECKSUM_MISMATCH_STATUS);
  });

  it('answers 460 to a chunk that fails its checksum and keeps the offset', async () => {
    const { client } = await setUp();
    const bytes = Buffer.from('checksummed');
    const location = await client.createUpload(bytes);
    const result = await client.patch(location, 0, bytes, { 'upload-checksum': checksum(Buffer.from('something else')) });
    expect(result.status).toBe(CHECKSUM_MISMATCH_STATUS);
    expect(JSON.parse(result.text).type).toBe(problemTypes.checksumMismatch);
    expect(await offsetOf(client, location)).toBe(0);
    expect((await client.patch(location, 0, bytes, { 'upload-checksum': 'md5 x' })).status).toBe(400);
    expect((await client.patch(location, 0, bytes, { 'upload-checksum': checksum(bytes) })).status).toBe(204);
  });

  it('drops a finished upload whose bytes do not hash to the declared sha256 (460)', async () => {
    const { client } = await setUp();
    const location = await client.createUpload(Buffer.from('declared'), sha256Hex('something else'));
    const result = await client.patch(location, 0, Buffer.from('declared'));
    expect(result.status).toBe(CHECKSUM_MISMATCH_STATUS);
    expect((await client.call('HEAD', location, undefined, tusHeaders)).status).toBe(404);
    expect(await sandbox!.stats()).toMatchObject({ blobs: 0, uploadBytesDiscarded: 8 });
  });

  it('keeps the bytes of a PATCH cut off without a checksum, so the resumed upload sends only the rest', async () => {
    const { client } = await setUp();
    const bytes = Buffer.alloc(256 * 1024, 7);
    const location = await client.createUpload(bytes);
    await cutOffPatch(sandbox!.url, client.token, location, 0, bytes.subarray(0, 100 * 1024), bytes.length);
    await settled(async () => (await offsetOf(client, location)) > 0);
    const offset = await offsetOf(client, location);
    expect(offset).toBe(100 * 1024);

    expect((await client.patch(location, offset, bytes.subarray(offset))).status).toBe(204);
    expect((await sandbox!.stats()).uploadBytesReceived).toBe(bytes.length);
    expect((await client.call('HEAD', paths.blob(sha256Hex(bytes)))).status).toBe(200);
  });

  it('discards a PATCH cut off with a checksum, keeping the confirmed offset', async () => {
    const { client } = await setUp();
    const bytes = Buffer.alloc(64 * 1024, 3);
    const location = await client.createUpload(bytes);
    await cutOffPatch(sandbox!.url, client.token, location, 0, bytes.subarray(0, 10_000), bytes.length, { 'upload-checksum': checksum(bytes) });
    await settled(async () => (await sandbox!.stats()).uploadBytesDiscarded > 0);
    expect(await sandbox!.stats()).toMatchObject({ uploadBytesReceived: 10_000, uploadBytesDiscarded: 10_000 });
    expect(await offsetOf(client, location)).toBe(0);
    expect((await client.patch(location, 0, bytes, { 'upload-checksum': checksum(bytes) })).status).toBe(204);
  });

  it('answers 409 with the current offset to a PATCH at the wrong offset', async () => {
    const { client } = await setUp();
    const location = await client.createUpload(Buffer.from('abcdef'));
    await client.patch(location, 0, Buffer.from('abc'));
    const result = await client.patch(location, 0, Buffer.from('abc'));
    expect(result.status).toBe(409);
    expect(JSON.parse(result.text).type).toBe(problemTypes.uploadOffsetMismatch);
    expect(result.headers.get('upload-offset')).toBe('3');
  });

  it('answers 410 once an unfinished upload expires, and 404 after that', async () => {
    let now = FIXED_NOW;
    const { client } = await setUp({ now: () => now, uploadExpirySeconds: 60 });
    const location = await client.createUpload(Buffer.from('slow'));
    now = new Date(FIXED_NOW.getTime() + 61_000);
    const expired = await client.patch(location, 0, Buffer.from('slow'));
    expect(expired.status).toBe(410);
    expect(JSON.parse(expired.text).type).toBe(problemTypes.uploadExpired);
    expect((await client.call('HEAD', location, undefined, tusHeaders)).status).toBe(404);
  });

  it('terminates an upload with DELETE', async () => {
    const { client } = await setUp();
    const location = await client.createUpload(Buffer.from('bye'));
    expect((await client.call('DELETE', location, undefined, tusHeaders)).status).toBe(204);
    expect((await client.call('HEAD', location, undefined, tusHeaders)).status).toBe(404);
    expect((await client.call('DELETE', location, undefined, tusHeaders)).status).toBe(404);
  });

  it('refuses other tus versions (412), oversize uploads (413), missing sha256 metadata and wrong content types', async () => {
    const { client } = await setUp({ maxUploadBytes: 10 });
    const wrongVersion = await client.call('POST', paths.uploads, undefined, { 'tus-resumable': '0.2.2', 'upload-length': '1' });
    expect(wrongVersion.status).toBe(412);
    expect(wrongVersion.headers.get('tus-version')).toBe(TUS_VERSION);
    expect((await client.call('POST', paths.uploads, undefined, { ...tusHeaders, 'upload-length': '11', 'upload-metadata': `sha256 ${Buffer.from(sha256Hex('x')).toString('base64')}` })).status).toBe(413);
    expect((await client.call('POST', paths.uploads, undefined, { ...tusHeaders, 'upload-length': '1' })).status).toBe(400);
    const location = await client.createUpload(Buffer.from('x'));
    expect((await client.call('PATCH', location, 'x', { ...tusHeaders, 'content-type': 'text/plain', 'upload-offset': '0' })).status).toBe(415);
    expect((await client.patch(location, 0, Buffer.from('xy'))).status).toBe(400);
  });

  it('needs a token like every other /v1 route', async () => {
    await setUp();
    expect((await request(sandbox!.url, 'POST', paths.uploads, undefined, { ...tusHeaders, 'upload-length': '1' })).status).toBe(401);
  });
});
