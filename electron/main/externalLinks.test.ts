import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './externalLinks';

const gateway = 'https://gateway.elicense.local/api/';

describe('external links (shell.openExternal)', () => {
  it.each([
    'https://egov.kz/cms/ru/services/business_registration',
    'https://www.elicense.kz/Help',
    'https://help.egov.kz/',
    'https://gateway.elicense.local/api/status/8f4c2a',
  ])('opens %s', (url) => {
    expect(isAllowedExternalUrl(url, gateway)).toBe(true);
  });

  it.each([
    ['plain http to a portal', 'http://egov.kz/'],
    ['a look-alike domain', 'https://egov.kz.evil.example/'],
    ['a suffix that is not a subdomain', 'https://notegov.kz/'],
    ['credentials in the address', 'https://user:pass@egov.kz/'],
    ['another port', 'https://egov.kz:8443/'],
    ['a local file', 'file:///C:/Windows/System32/calc.exe'],
    ['a custom scheme handler', 'ms-msdt:/id PCWDiagnostic'],
    ['javascript', 'javascript:alert(1)'],
    ['a gateway page that is not a status page', 'https://gateway.elicense.local/api/admin'],
    ['walking out of the status pages', 'https://gateway.elicense.local/api/status/../admin'],
    ['walking out with encoded dots', 'https://gateway.elicense.local/api/status/%2e%2e/admin'],
    ['the gateway host on another scheme', 'http://gateway.elicense.local/api/status/1'],
    ['not a URL', 'egov.kz'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url, gateway)).toBe(false);
  });

  it('refuses status pages when no gateway is configured', () => {
    expect(isAllowedExternalUrl('https://gateway.elicense.local/api/status/1', undefined)).toBe(false);
  });
});
