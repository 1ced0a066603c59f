/** Settings files for rolling out workstations (settings.import): each refusal changes nothing. */
import { outcomeOf, type BadInputCase } from '../corpus';
import type { Workstation } from '../workstation';

const importing = (workstation: Workstation, text: string) => workstation.client.call('settings.import', { contentBase64: Buffer.from(text).toString('base64') });

async function settingsStillWork(workstation: Workstation): Promise<void> {
  const { settings } = await importing(workstation, JSON.stringify({ retentionDays: 60 }));
  if (settings.retentionDays !== 60) throw new Error('the good settings file was not applied');
}

function settingsFile(id: string, description: string, text: string, expected = 'errors.settings.invalid'): BadInputCase<Workstation> {
  return {
    id,
    area: 'settings',
    description,
    expected,
    stillWorks: settingsStillWork,
    async run(workstation) {
      const before = JSON.stringify(await workstation.client.call('settings.get', {}));
      const outcome = await outcomeOf(importing(workstation, text));
      const after = JSON.stringify(await workstation.client.call('settings.get', {}));
      return before === after ? outcome : { key: 'settings.partlyApplied', texts: { kk: '', ru: '', en: '' } };
    },
  };
}

export const settingsCases: BadInputCase<Workstation>[] = [
  settingsFile('settings-empty', 'an empty file', ''),
  settingsFile('settings-not-json', 'a file that is not JSON (INI syntax)', '[office]\ncode=ALM-01\n'),
  settingsFile('settings-unknown-key', 'a key the settings do not have', JSON.stringify({ retentionDays: 30, colour: 'red' })),
  settingsFile('settings-wrong-type', 'a number written as words', JSON.stringify({ retentionDays: 'ninety' })),
  settingsFile('settings-out-of-range', 'retention of zero days', JSON.stringify({ retentionDays: 0 })),
  settingsFile('settings-language', 'a language the program does not have', JSON.stringify({ language: 'de' })),
  settingsFile('settings-file-url', 'a gateway address that is a local file', JSON.stringify({ gateway: { url: 'file:///C:/Windows/System32/config' } })),
  settingsFile('settings-gateway-http', 'a production gateway over plain HTTP (the sandbox\'s port)', JSON.stringify({ trainingMode: false, gateway: { url: 'http://127.0.0.1:4010' } }), 'errors.gateway.insecure'),
  settingsFile('settings-gateway-no-pin', 'an https:// gateway with no certificate pinned', JSON.stringify({ gateway: { url: 'https://elicense-gw.example.kz' } }), 'errors.gateway.pinMissing'),
  settingsFile('settings-gateway-bad-pin', 'a pinned certificate that is not one', JSON.stringify({ gateway: { url: 'https://elicense-gw.example.kz', pinnedCertificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' } }), 'errors.gateway.pinInvalid'),
  settingsFile('settings-array', 'a JSON array instead of an object', JSON.stringify([{ retentionDays: 30 }])),
];
