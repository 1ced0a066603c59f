import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../shared/gateway/gatewayProtocol';
import { createTestPki, type TestPki } from '../pki/testPki';
import { fetchToken, makeDataDir, removeDataDirs } from '../sandboxTestKit';
import { startSandbox, type RunningSandbox } from '../server';
import { createCrlPublisher } from './crlPublisher';

const HOUR_MS = 3_600_000;
const T0 = new Date('2026-11-22T10:00:00.000Z');

let pki: TestPki;
const running: RunningSandbox[] = [];

beforeAll(() => {
  pki = createTestPki();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  await removeDataDirs();
});

const parse = (der: Uint8Array) => pkijs.CertificateRevocationList.fromBER(der);
/** An INTEGER extension's value (CRL number, delta CRL indicator). */
const asn1Integer = (crl: pkijs.CertificateRevocationList, oid: string) =>
  (asn1js.fromBER(crl.crlExtensions!.extensions.find((extension) => extension.extnID === oid)!.extnValue.valueBlock.valueHexView).result as asn1js.Integer).toBigInt();
const serialsOf = (der: Uint8Array) =>
  (parse(der).revokedCertificates ?? []).map((entry) => Buffer.from(entry.userCertificate.valueBlock.valueHexView).toString('hex'));

describe('CRL publisher', () => {
  it('issues a CRL signed by the intermediate, valid for validityMs', async () => {
    const publisher = createCrlPublisher({ testPki: pki, validityMs: 24 * HOUR_MS, now: () => T0 });
    const crl = parse(publisher.crl());
    const intermediate = pkijs.Certificate.fromBER(Buffer.from(pki.intermediateCertPem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    expect(await crl.verify({ issuerCertificate: intermediate })).toBe(true);
    expect(crl.thisUpdate.value).toEqual(T0);
    expect(crl.nextUpdate?.value).toEqual(new Date(T0.getTime() + 24 * HOUR_MS));
    expect(crl.revokedCertificates).toBeUndefined();
  });

  it('re-issues the full CRL at half its validity and serves the same bytes in between', () => {
    const clock = { now: T0 };
    const publisher = createCrlPublisher({ testPki: pki, validityMs: 2 * HOUR_MS, now: () => clock.now });
    const first = publisher.crl();
    clock.now = new Date(T0.getTime() + HOUR_MS - 1);
    expect(publisher.crl()).toBe(first);
    clock.now = new Date(T0.getTime() + HOUR_MS);
    expect(publisher.crl()).not.toBe(first);
  });

  it('lists a revocation in a fresh delta CRL at once and in the next full CRL, with the moment it happened', async () => {
    const clock = { now: T0 };
    const publisher = createCrlPublisher({ testPki: pki, validityMs: 2 * HOUR_MS, deltaValidityMs: 10 * 60_000, now: () => clock.now });
    const full = parse(publisher.crl());
    const emptyDelta = parse(publisher.deltaCrl());
    expect(emptyDelta.revokedCertificates).toBeUndefined();
    const leaf = pki.issueLeaf({ operator: { iin: '850101300124', surname: 'ТЕСТОВ', givenName: 'ТЕСТ' }, usage: 'sign', password: 'x' });
    clock.now = new Date(T0.getTime() + 60_000);
    publisher.revoke(leaf.serialNumber.toUpperCase());
    expect(publisher.revokedAt(leaf.serialNumber)).toEqual(clock.now);
    expect(serialsOf(publisher.crl())).toEqual([]);
    const delta = parse(publisher.deltaCrl());
    expect(serialsOf(publisher.deltaCrl())).toEqual([leaf.serialNumber]);
    expect(delta.revokedCertificates![0]!.revocationDate.value).toEqual(clock.now);
    // The delta names its base (deltaCRLIndicator = the full CRL's number) and numbers go up across both kinds.
    const number = asn1Integer;
    expect(number(delta, '2.5.29.27')).toBe(number(full, '2.5.29.20'));
    expect(number(delta, '2.5.29.20')).toBeGreaterThan(number(emptyDelta, '2.5.29.20'));
    const intermediate = pkijs.Certificate.fromBER(Buffer.from(pki.intermediateCertPem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    expect(await delta.verify({ issuerCertificate: intermediate })).toBe(true);
    clock.now = new Date(T0.getTime() + HOUR_MS);
    expect(serialsOf(publisher.crl())).toEqual([leaf.serialNumber]);
    expect(serialsOf(publisher.deltaCrl())).toEqual([]);
  });
});

describe('GET /v1/crl', () => {
  it('serves the current CRL as PEM', async () => {
    const publisher = createCrlPublisher({ testPki: pki });
    const sandbox = await startSandbox({ dataDir: await makeDataDir(), crl: publisher.crl });
    running.push(sandbox);
    const response = await fetch(`${sandbox.url}${paths.crl}`, { headers: { authorization: `Bearer ${await fetchToken(sandbox.url)}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-pem-file');
    const pem = await response.text();
    expect(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64')).toEqual(Buffer.from(publisher.crl()));
  });

  it('does not exist when the sandbox has no CRL', async () => {
    const sandbox = await startSandbox({ dataDir: await makeDataDir() });
    running.push(sandbox);
    expect((await fetch(`${sandbox.url}${paths.crl}`, { headers: { authorization: `Bearer ${await fetchToken(sandbox.url)}` } })).status).toBe(404);
  });
});
