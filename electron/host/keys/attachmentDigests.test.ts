import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attachmentDigests } from './attachmentDigests';

const attachment = (content: Uint8Array, index: number) => ({ sha256: String(index), read: async () => content });
/** Debian's gost engine: the independent Streebog the digests are compared with. */
const opensslStreebog = (content: Uint8Array) =>
  execFileSync('openssl', ['dgst', '-engine', 'gost', '-streebog512', '-r'], { input: content, stdio: ['pipe', 'pipe', 'ignore'] }).toString().split(' ')[0];

describe('attachment digests under the key\'s own hash', () => {
  it('gives Streebog-512 for a GOST key, on worker threads for a large package, in the order of the attachments', async () => {
    // Over the worker threshold in total, with one small file among large ones, so order must be kept across workers.
    const contents = [randomBytes(3 * 1024 * 1024), randomBytes(10), randomBytes(2 * 1024 * 1024 + 1)];
    const digests = await attachmentDigests('gost2015', contents.map(attachment));
    expect(digests.map((digest) => Buffer.from(digest).toString('hex'))).toEqual(contents.map(opensslStreebog));
  }, 60_000);

  it('gives Streebog-512 in place for a small package and SHA-256 for an RSA key', async () => {
    const content = Buffer.from('Жұмабаев Қайрат, diploma');
    const [gost] = await attachmentDigests('gost2015', [attachment(content, 0)]);
    expect(Buffer.from(gost!).toString('hex')).toBe(opensslStreebog(content));
    const [rsa] = await attachmentDigests('rsa', [attachment(content, 0)]);
    expect(Buffer.from(rsa!).toString('hex')).toBe(createHash('sha256').update(content).digest('hex'));
  });
});
