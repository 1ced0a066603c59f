import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/identity/iin';
import { createDetachedCms } from '../../shared/pki/detachedCms';
import { connect, makeDataDir, makeSubmission, type TestClient } from '../sandboxTestKit';
import { startSandbox, type RunningSandbox } from '../server';
import { createAttachmentVerifier } from './attachmentVerifier';
import { createTestPki, type TestPki } from './testPki';
import { webCryptoSigner, type WebCryptoSigner } from './webCryptoSigner';

const operator = { iin: withCheckDigit('85010130012')!, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' };
const FILES = ['passport scan', 'diploma scan'];
let pki: TestPki;
let signer: WebCryptoSigner;
let stranger: WebCryptoSigner;
let sandbox: RunningSandbox;
let client: TestClient;

beforeAll(async () => {
  pki = createTestPki();
  signer = await webCryptoSigner(pki, operator);
  stranger = await webCryptoSigner(createTestPki(), operator);
  sandbox = await startSandbox({ dataDir: await makeDataDir(), verifyAttachmentSignature: createAttachmentVerifier([pki.rootCertPem, pki.intermediateCertPem]) });
  client = await connect(sandbox.url);
  for (const file of FILES) await client.upload(file);
});
afterAll(() => sandbox.close());

/** A consistent submission whose attachments are signed by `by` (or left unsigned). */
async function signedSubmission(id: string, by: WebCryptoSigner | null) {
  const body = makeSubmission(id, FILES);
  for (const [i, attachment] of body.attachments.entries()) {
    if (!by) continue;
    const cms = await createDetachedCms({ contentDigest: by.key.digest(Buffer.from(FILES[i]!)), key: by.key, signingTime: new Date() });
    attachment.cmsBase64 = Buffer.from(cms).toString('base64');
  }
  return body;
}

describe('attachment signatures on receipt', () => {
  it('registers a package whose every attachment is signed by a trusted operator', async () => {
    const id = '0191d2b4-5c1e-7a2b-9c3d-4e5f60718301';
    expect((await client.commit(id, await signedSubmission(id, signer))).status).toBe(201);
  });

  it('refuses unsigned attachments and signatures from an untrusted CA, with the reason', async () => {
    const unsigned = '0191d2b4-5c1e-7a2b-9c3d-4e5f60718302';
    const refusedUnsigned = await client.commit(unsigned, await signedSubmission(unsigned, null));
    expect(refusedUnsigned.status).toBe(422);
    expect(refusedUnsigned.text).toContain('Attachment is not signed');
    const foreign = '0191d2b4-5c1e-7a2b-9c3d-4e5f60718303';
    const refusedForeign = await client.commit(foreign, await signedSubmission(foreign, stranger));
    expect(refusedForeign.status).toBe(422);
    expect(refusedForeign.text).toContain('not issued by a trusted CA');
  });

  it('refuses a signature made over another file', async () => {
    const id = '0191d2b4-5c1e-7a2b-9c3d-4e5f60718304';
    const body = await signedSubmission(id, signer);
    [body.attachments[0]!.cmsBase64, body.attachments[1]!.cmsBase64] = [body.attachments[1]!.cmsBase64, body.attachments[0]!.cmsBase64];
    const refused = await client.commit(id, body);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('the file is not the one that was signed');
  });
});
