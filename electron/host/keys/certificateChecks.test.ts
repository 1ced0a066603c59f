import { mkdtemp } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadWorkstationTrust, type WorkstationTrust } from '../trust/trustStore';
import { checkSigningCertificate } from './certificateChecks';
import type { SigningPolicy } from './keyStore';
import { openKeyFile } from './pkcs12Container';

const keys = join(import.meta.dirname, '../../../test/fixtures/nca-test/keys');
const opened = (path: string) => openKeyFile(readFileSync(join(keys, path)), path.includes('2015') ? 'Aa123456' : 'Qwerty12');

const INDIVIDUAL_2015 = 'key_individual_valid_2015.p12'; // IIN 123456789012, personal (individual role), 2022-07-28 … 2023-07-28
const CEO_2015 = 'key_ceo_revoked_2015.p12'; // IIN 123456789011, employee (CEO role), revoked on the GOST 2022 test CRL
const RSA_INDIVIDUAL = 'key_individual_valid_sign_2004.p12'; // IIN 123456789011, personal, 2021-01-18 … 2022-01-18
const RSA_AUTH = 'ncanode-go/personal/active/AUTH_RSA256_b2c70a9ff7a5dc59de0ccc3c0ddde3437cc1f12d.p12';
const GOST2004_EMPLOYEE = 'ncanode-go/organization/active/GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.p12';

let ncaTest: WorkstationTrust;
let emptyFolder: string;

beforeAll(async () => {
  emptyFolder = await mkdtemp(join(tmpdir(), 'qabyl-trust-'));
  ncaTest = await loadWorkstationTrust({ profile: 'ncaTest', trustDir: emptyFolder });
});

const policy = (at: string, overrides: Partial<SigningPolicy> = {}): SigningPolicy => ({
  expectedIin: '123456789012',
  trust: ncaTest,
  at: new Date(at),
  checkRevocation: async () => undefined,
  ...overrides,
});

async function outcome(path: string, signingPolicy: SigningPolicy): Promise<string> {
  const key = opened(path);
  try {
    const signer = await checkSigningCertificate(key.certificateDer, key.others, signingPolicy);
    return `ok:${signer.iin}`;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('the sign dialog on the real NCA test keys (NCA test profile)', () => {
  it.each([
    [INDIVIDUAL_2015, '2023-01-10T00:00:00Z', '123456789012', 'ok:123456789012'],
    [INDIVIDUAL_2015, '2023-08-01T00:00:00Z', '123456789012', 'keys.expired'],
    [INDIVIDUAL_2015, '2022-07-01T00:00:00Z', '123456789012', 'keys.notYetValid'],
    [INDIVIDUAL_2015, '2023-01-10T00:00:00Z', '123456789011', 'keys.iinMismatch'],
    // An employee's key, but the real GOST 2022 test CRL lists it.
    [CEO_2015, '2023-01-10T00:00:00Z', '123456789011', 'keys.revoked'],
    [RSA_AUTH, '2020-06-01T00:00:00Z', '123456789011', 'keys.notSigningKey'],
    [RSA_INDIVIDUAL, '2021-06-01T00:00:00Z', '123456789011', 'ok:123456789011'],
    [GOST2004_EMPLOYEE, '2020-06-01T00:00:00Z', '123456789011', 'ok:123456789011'],
  ])('%s at %s for operator %s: %s', async (path, at, expectedIin, expected) => {
    expect(await outcome(path, policy(at, { expectedIin }))).toBe(expected);
  });
});

describe('the operator role', () => {
  it("refuses an individual's personal key outside the NCA test profile: an operator signs as the centre's employee", async () => {
    const production = { ...ncaTest, profile: 'ncaProduction' as const };
    expect(await outcome(INDIVIDUAL_2015, policy('2023-01-10T00:00:00Z', { trust: production }))).toBe('keys.wrongRole');
    expect(await outcome(RSA_INDIVIDUAL, policy('2021-06-01T00:00:00Z', { trust: production, expectedIin: '123456789011' }))).toBe('keys.wrongRole');
  });

  it("takes an employee's key (emailProtection + a legal-entity role) in any profile", async () => {
    const production = { ...ncaTest, profile: 'ncaProduction' as const };
    expect(await outcome(GOST2004_EMPLOYEE, policy('2020-06-01T00:00:00Z', { trust: production, expectedIin: '123456789011' }))).toBe('ok:123456789011');
  });
});

describe('trust and revocation', () => {
  it('refuses a chain to nothing trusted, and names the missing NCA certificates when the profile lacks them', async () => {
    const nothing = { ...ncaTest, anchors: [], anchorsPem: [], report: { ...ncaTest.report, missing: [] } };
    expect(await outcome(INDIVIDUAL_2015, policy('2023-01-10T00:00:00Z', { trust: nothing }))).toBe('keys.untrustedChain');
    const production = await loadWorkstationTrust({ profile: 'ncaProduction', trustDir: emptyFolder });
    const key = opened(INDIVIDUAL_2015);
    await expect(checkSigningCertificate(key.certificateDer, [], policy('2023-01-10T00:00:00Z', { trust: production }))).rejects.toMatchObject({
      code: 'keys.trustIncomplete',
      detail: expect.stringContaining('nca_gost_2022.cer'),
    });
  });

  it("asks the live CRL cache only when no profile CRL current at the moment cleared the key", async () => {
    const checkRevocation = vi.fn(async () => undefined);
    // The GOST 2022 test CRL runs 2022-07-27 … 2023-01-23.
    expect(await outcome(INDIVIDUAL_2015, policy('2023-01-10T00:00:00Z', { checkRevocation }))).toBe('ok:123456789012');
    expect(checkRevocation).not.toHaveBeenCalled();
    expect(await outcome(INDIVIDUAL_2015, policy('2023-03-01T00:00:00Z', { checkRevocation }))).toBe('ok:123456789012');
    expect(checkRevocation).toHaveBeenCalledWith(expect.stringContaining('-----BEGIN CERTIFICATE-----'));
  });

  it("passes the live cache's refusal on", async () => {
    const checkRevocation = async () => {
      throw Object.assign(new Error('stale'), { code: 'keys.crlStale' });
    };
    expect(await outcome(INDIVIDUAL_2015, policy('2023-03-01T00:00:00Z', { checkRevocation }))).toBe('keys.crlStale');
  });

  it('refuses a certificate altered by one byte (its issuer no longer signed it)', async () => {
    const key = opened(INDIVIDUAL_2015);
    const der = new Uint8Array(key.certificateDer);
    // A byte inside the validity's notAfter: the certificate still parses and is still valid at the moment.
    const offset = Buffer.from(der).indexOf(Buffer.from('230728', 'latin1'));
    der[offset + 5] = '9'.charCodeAt(0);
    await expect(checkSigningCertificate(der, [], policy('2023-01-10T00:00:00Z'))).rejects.toMatchObject({ code: 'keys.untrustedChain' });
  });

});
