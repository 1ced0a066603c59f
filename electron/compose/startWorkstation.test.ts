import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { withCheckDigit } from '../../shared/identity/iin';
import { createHostLog } from '../host/logging/hostLog';
import type { DataProtection } from '../host/vault/keyProtection';
import { DEFAULT_SETTINGS } from '../../shared/settings/settingsSchema';
import { createTestCa, startHttpsFront, type HttpsFront } from '../../test/support/testTls';
import { startWorkstation, type Workstation } from './startWorkstation';

const running: (Workstation | RunningSandbox | HttpsFront)[] = [];
const OPERATOR = { login: 'aigul', fullName: 'Айгүл Сейітова', iin: withCheckDigit('90010130001')!, password: 'correct horse' };
afterEach(async () => {
  await Promise.all(running.splice(0).map((item) => item.close()));
});

async function start(baseDir: string, dataProtection: DataProtection = { kind: 'secret' }) {
  const workstation = await startWorkstation({ shell: 'web', version: '0.0.0-test', baseDir, appOrigin: () => 'http://127.0.0.1:1', log: createHostLog({ dir: join(baseDir, 'logs') }), dataProtection });
  running.push(workstation);
  return workstation;
}

describe('startWorkstation', () => {
  it('starts in training mode by default, with its own data folder and an embedded gateway', async () => {
    const baseDir = await mkdtemp(join(tmpdir(), 'qabyl-ws-'));
    const workstation = await start(baseDir);
    expect(workstation.training).toBe(true);
    expect(workstation.dataDir).toBe(join(baseDir, 'training'));
    expect(await workstation.host.handlers['gateway.probe']({})).toEqual({ reachable: true });
    expect(await workstation.host.handlers['app.info']({})).toMatchObject({ training: true, office: { code: 'TRN' } });
  });

  it('hands the renderer field keys from the data key: the same after a restart, different on another workstation', async () => {
    const baseDir = await mkdtemp(join(tmpdir(), 'qabyl-ws-'));
    const first = await start(baseDir);
    await first.host.handlers['operators.create'](OPERATOR);
    const keys = await first.host.handlers['vault.keys']({});
    expect(Buffer.from(keys.fieldKeyBase64, 'base64')).toHaveLength(32);
    expect(Buffer.from(keys.indexKeyBase64, 'base64')).toHaveLength(32);
    await first.close();
    running.splice(running.indexOf(first), 1);
    const again = await start(baseDir);
    await again.host.handlers['operators.login']({ login: OPERATOR.login, password: OPERATOR.password });
    expect(await again.host.handlers['vault.keys']({})).toEqual(keys);
    const elsewhere = await start(await mkdtemp(join(tmpdir(), 'qabyl-ws-')));
    await elsewhere.host.handlers['operators.create'](OPERATOR);
    const other = await elsewhere.host.handlers['vault.keys']({});
    expect(other.fieldKeyBase64).not.toBe(keys.fieldKeyBase64);
  });

  it('runs production only against the https:// gateway whose certificate is pinned, with data kept apart from training', async () => {
    const baseDir = await mkdtemp(join(tmpdir(), 'qabyl-ws-'));
    const sandbox = await startSandbox({ dataDir: await mkdtemp(join(tmpdir(), 'qabyl-ws-gw-')) });
    running.push(sandbox);
    // The sandbox behind TLS with a certificate from a CA made here, saying its name as the real gateway would.
    const ca = createTestCa();
    const gateway = await startHttpsFront({ target: sandbox.url, tls: ca.issueServer({ ips: ['127.0.0.1'] }), service: 'e-licensing-gateway' });
    running.push(gateway);
    await writeFile(
      join(baseDir, 'settings.json'),
      JSON.stringify({
        office: { code: 'ALM-07', name: 'Алматы, №7' },
        gateway: { url: gateway.url, pinnedCertificatePem: ca.certificatePem, clientId: '', clientSecret: '' },
        trainingMode: false,
        keysFolder: '',
        scanner: { defaultDevice: '', defaultProfile: 'text' },
        retentionDays: 90,
        language: 'ru',
      }),
    );
    const secret = 'администратор-secret-1';
    await expect(start(baseDir)).rejects.toThrow(/QABYL_DATA_SECRET/);
    const workstation = await start(baseDir, { kind: 'secret', secret });
    expect(workstation.training).toBe(false);
    expect(workstation.dataDir).toBe(join(baseDir, 'production'));
    expect(workstation.gatewayUrl).toBe(gateway.url);
    expect(await workstation.host.handlers['gateway.probe']({})).toEqual({ reachable: true });
    expect(await workstation.host.handlers['app.info']({})).toMatchObject({ training: false, office: { code: 'ALM-07' }, language: 'ru' });
    // No test keys are issued outside training (keys are listed to a logged-in operator only).
    await workstation.host.handlers['operators.create'](OPERATOR);
    expect(await workstation.host.handlers['keys.list']({})).toEqual([{ id: 'ncalayer', fileName: 'NCALayer', kind: 'sign', algorithm: null, certificate: null, refusal: null }]);
  });

  it('gives production no gateway until the administrator sets one, and refuses http:// and the sandbox', async () => {
    const baseDir = await mkdtemp(join(tmpdir(), 'qabyl-ws-'));
    await writeFile(join(baseDir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, trainingMode: false }));
    const workstation = await start(baseDir, { kind: 'secret', secret: 'администратор-secret-2' });
    expect(workstation.gatewayUrl).toBe('');
    expect(await workstation.host.handlers['gateway.probe']({})).toEqual({ reachable: false });
    await workstation.host.handlers['operators.create'](OPERATOR);
    const sandbox = await startSandbox({ dataDir: await mkdtemp(join(tmpdir(), 'qabyl-ws-gw-')) });
    running.push(sandbox);
    const ca = createTestCa();
    const refusal = (patch: Parameters<Workstation['host']['handlers']['settings.update']>[0]) =>
      workstation.host.handlers['settings.update'](patch).then(() => 'kept', (error: { code?: string }) => error.code);
    expect(await refusal({ gateway: { url: sandbox.url, pinnedCertificatePem: ca.certificatePem } })).toBe('gateway.insecure');
    const passedThrough = await startHttpsFront({ target: sandbox.url, tls: ca.issueServer({ ips: ['127.0.0.1'] }) });
    running.push(passedThrough);
    expect(await refusal({ gateway: { url: passedThrough.url, pinnedCertificatePem: ca.certificatePem } })).toBe('gateway.sandbox');
    expect(await refusal({ gateway: { url: passedThrough.url } })).toBe('gateway.pinMissing');
    // Nothing refused was kept.
    expect((await workstation.host.handlers['settings.get']({})).gateway).toMatchObject({ url: '', pinnedCertificatePem: '' });
  });
});
