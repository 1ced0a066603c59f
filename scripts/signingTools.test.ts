/**
 * The support staff's signing tools on the real NCA test keys (test/fixtures/nca-test): `keys:check` tells each key's
 * verdict, `sign` signs files with the GOST 2015 test key into a package, and `verify` accepts exactly that package.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTsCommand } from '../test/support/processes';

const KEYS = 'test/fixtures/nca-test/keys';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qabyl-signing-tools-'));
  await writeFile(join(dir, 'pw2015'), 'Aa123456\n');
  await writeFile(join(dir, 'pw2004'), 'Qwerty12\n');
  await writeFile(join(dir, 'diploma.pdf'), '%PDF-1.4 Жұмабаев Қайрат diploma');
  await writeFile(join(dir, 'photo.png'), 'not really a PNG, bytes all the same');
});

const keysCheck = async (key: string, password: 'pw2015' | 'pw2004', at: string, profile = 'test') => {
  const run = await runTsCommand('scripts/keysCheck.ts', ['--key', join(KEYS, key), '--password-file', join(dir, password), '--at', at, '--profile', profile, '--json']);
  return { code: run.code, report: JSON.parse(run.stdout) as Record<string, unknown> };
};

describe('npm run keys:check', () => {
  it('says the GOST 2015 test key can sign inside its validity under the NCA test profile, and why not elsewhere', async () => {
    const good = await keysCheck('key_individual_valid_2015.p12', 'pw2015', '2023-01-10T00:00:00Z');
    expect(good.code).toBe(0);
    expect(good.report).toMatchObject({ canSign: true, algorithm: 'GOST 34.10-2015 (512)', role: 'sign', iin: '123456789012' });
    expect(good.report.chain).toEqual(['ТЕСТТОВ ТЕСТТ', 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022']);
    expect(good.report.revocation).toMatch(/^good/);

    const expired = await keysCheck('key_individual_valid_2015.p12', 'pw2015', '2023-08-01T00:00:00Z');
    expect([expired.code, expired.report.problem]).toEqual([1, 'keys.expired']);
    // Production has no NCA test CA: the chain is untrusted, and the missing production certificates are named.
    const production = await keysCheck('key_individual_valid_2015.p12', 'pw2015', '2023-01-10T00:00:00Z', 'production');
    expect([production.code, production.report.problem]).toEqual([1, 'keys.trustIncomplete']);
  }, 60_000);

  it('refuses the revoked, AUTH and legacy GOST keys, each with its own reason', async () => {
    const cases: [string, 'pw2015' | 'pw2004', string, string][] = [
      ['key_ceo_revoked_2015.p12', 'pw2015', '2023-01-10T00:00:00Z', 'keys.revoked'],
      ['key_individual_auth_revoked_2004.p12', 'pw2004', '2022-06-01T00:00:00Z', 'keys.notSigningKey'],
      ['key_ceo_sign_revoked_2004.p12', 'pw2004', '2022-06-01T00:00:00Z', 'keys.revoked'],
      ['ncanode-go/organization/active/GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.p12', 'pw2004', '2020-06-01T00:00:00Z', 'keys.gost2004NeedsNcaLayer'],
      ['key_individual_valid_2015.p12', 'pw2004', '2023-01-10T00:00:00Z', 'keys.wrongPassword'],
    ];
    for (const [key, password, at, problem] of cases) {
      const { code, report } = await keysCheck(key, password, at);
      expect([key, code, report.problem]).toEqual([key, 1, problem]);
      expect(typeof report.message).toBe('string');
    }
  }, 120_000);
});

describe('npm run sign, then npm run verify', () => {
  it('signs files with the GOST 2015 test key into a package that verify accepts, and refuses one changed byte', async () => {
    const out = join(dir, 'out');
    const signed = await runTsCommand('scripts/signFiles.ts', [
      '--key', join(KEYS, 'key_individual_valid_2015.p12'), '--password-file', join(dir, 'pw2015'), '--at', '2023-01-10T00:00:00Z', '--profile', 'test',
      '--out', out, join(dir, 'diploma.pdf'), join(dir, 'photo.png'),
    ]);
    expect(signed.code).toBe(0);
    const signedXml = await readFile(join(out, 'signed.xml'), 'utf8');
    expect(signedXml).toContain('urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512');

    const verify = (file: string) => runTsCommand('scripts/verify.ts', ['--profile', 'test', '--at', '2023-01-10T00:00:00Z', file]);
    const good = await verify(join(out, 'package.json'));
    expect(good.code).toBe(0);
    expect(good.stdout.match(/^OK /gm)).toHaveLength(4);

    const body = JSON.parse(await readFile(join(out, 'package.json'), 'utf8')) as { attachments: { contentBase64: string }[] };
    const bytes = Buffer.from(body.attachments[0]!.contentBase64, 'base64');
    bytes[10] = bytes[10]! ^ 0x01;
    body.attachments[0]!.contentBase64 = bytes.toString('base64');
    await writeFile(join(dir, 'tampered.json'), JSON.stringify(body));
    const bad = await verify(join(dir, 'tampered.json'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL .*diploma\.pdf/);
  }, 120_000);

  it('does not sign with a key the sign dialog would refuse', async () => {
    const refused = await runTsCommand('scripts/signFiles.ts', [
      '--key', join(KEYS, 'key_ceo_revoked_2015.p12'), '--password-file', join(dir, 'pw2015'), '--at', '2023-01-10T00:00:00Z', '--profile', 'test',
      '--out', join(dir, 'refused'), join(dir, 'diploma.pdf'),
    ]);
    expect(refused.code).toBe(1);
  }, 60_000);
});
