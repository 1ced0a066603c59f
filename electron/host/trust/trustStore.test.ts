import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestPki } from '../../../sandbox/pki/testPki';
import { NCA_TEST, operatorIinAccepted } from '../../../shared/pki/trustProfiles';
import { NCA_TEST_MATERIAL } from './ncaTestMaterial';
import { loadWorkstationTrust } from './trustStore';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/nca-test');
const folder = () => mkdtemp(join(tmpdir(), 'qabyl-trust-'));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const derOfPem = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

describe('the NCA test profile', () => {
  it("carries NCA's test certificates and CRLs exactly as published (pinned SHA-256, equal to the material)", async () => {
    for (const entry of [...NCA_TEST.certificates, ...NCA_TEST.crls]) {
      const carried = NCA_TEST_MATERIAL[entry.file];
      if (!entry.sha256) {
        expect(carried, entry.file).toBeUndefined();
        continue;
      }
      expect(sha256(Buffer.from(carried!, 'base64')), entry.file).toBe(entry.sha256);
    }
    const fromMaterial = await readFile(join(fixtures, 'ca/nca_gost2015_test.cer'));
    expect(Buffer.from(NCA_TEST_MATERIAL['nca_gost2022_test.cer']!, 'base64').equals(fromMaterial)).toBe(true);
    const trust = await loadWorkstationTrust({ profile: 'ncaTest', trustDir: await folder() });
    expect(trust.anchors).toHaveLength(5);
    expect(trust.crls).toHaveLength(3);
    // The GOST 2022 test root is not public material: reported, but not needed to sign.
    expect(trust.report.certificates.find((entry) => entry.file === 'root_test_gost_2022.cer')).toMatchObject({ state: 'missing', required: false });
    expect(trust.report.missing).toEqual([]);
  });

  it('adds the trust folder certificates, PEM or DER (.pem .cer .crt)', async () => {
    const dir = await folder();
    // Certificates the administrator places there are trusted besides the profile's own.
    const pki = createTestPki({ algorithm: 'rsa' });
    await writeFile(join(dir, 'training-root.crt'), pki.rootCertPem);
    await writeFile(join(dir, 'training-intermediate.cer'), derOfPem(pki.intermediateCertPem));
    const trust = await loadWorkstationTrust({ profile: 'ncaTest', trustDir: dir });
    expect(trust.report.folder.map((file) => [file.file, file.state])).toEqual([
      ['training-intermediate.cer', 'used'],
      ['training-root.crt', 'used'],
    ]);
    expect(trust.anchors).toHaveLength(7);
  });

  it('refuses a folder file named like a pinned certificate but with other bytes', async () => {
    const dir = await folder();
    const pinned = Buffer.from(NCA_TEST_MATERIAL['nca_gost2022_test.cer']!, 'base64');
    const altered = Buffer.from(pinned);
    altered[altered.length - 5] = altered[altered.length - 5]! ^ 0x01;
    await writeFile(join(dir, 'nca_gost2022_test.cer'), altered);
    await writeFile(join(dir, 'broken.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const trust = await loadWorkstationTrust({ profile: 'ncaTest', trustDir: dir });
    expect(trust.report.folder.map((file) => [file.file, file.state])).toEqual([
      ['broken.pem', 'unreadable'],
      ['nca_gost2022_test.cer', 'pinMismatch'],
    ]);
    expect(trust.anchors).toHaveLength(5);
  });
});

describe('the NCA production profile', () => {
  it('names every certificate it needs with its source, and reports what the trust folder does not supply', async () => {
    const trust = await loadWorkstationTrust({ profile: 'ncaProduction', trustDir: await folder() });
    expect(trust.anchors).toEqual([]);
    expect(trust.report.missing).toEqual(['root_gost_2022.cer', 'nca_gost_2022.cer', 'root_rsa_2020.cer', 'nca_rsa_2022.cer']);
    expect(trust.report.certificates.every((entry) => entry.sourceUrl.startsWith('https://pki.gov.kz/cert/'))).toBe(true);
  });

  it('never carries the NCA test certificates', async () => {
    const dir = await folder();
    const trust = await loadWorkstationTrust({ profile: 'ncaProduction', trustDir: dir });
    const testFingerprints = NCA_TEST.certificates.map((entry) => entry.sha256);
    expect(trust.anchorsPem.map((pem) => sha256(derOfPem(pem))).filter((hash) => testFingerprints.includes(hash))).toEqual([]);
  });
});

describe('the operator IIN rule', () => {
  it("accepts NCA's test IINs only under the NCA test profile; valid IINs everywhere; nothing else", () => {
    expect(operatorIinAccepted('123456789011', 'ncaTest')).toBe(true);
    expect(operatorIinAccepted('123456789012', 'ncaTest')).toBe(true);
    expect(operatorIinAccepted('123456789013', 'ncaTest')).toBe(false);
    expect(operatorIinAccepted('123456789011', 'ncaProduction')).toBe(false);
    expect(operatorIinAccepted('123456789011', null)).toBe(false);
    expect(operatorIinAccepted('850101300129', 'ncaProduction')).toBe(operatorIinAccepted('850101300129', 'ncaTest'));
  });
});
