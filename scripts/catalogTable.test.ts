import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogExport, catalogTable } from './catalogTable';

describe('README service table', () => {
  it('is exactly what the bundled catalog holds', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = /<!-- catalog-table:start -->\n([\s\S]*?)\n<!-- catalog-table:end -->/.exec(readme)?.[1];
    expect(section).toBe(catalogTable());
  });
});

describe('catalog export (npm run catalog:export -- --json)', () => {
  it('gives each service its seed, channels, recipients and payment rule with their paragraphs', () => {
    const exported = catalogExport();
    const byId = new Map(exported.services.map((service) => [service.id, service]));
    // Issue 17 (1)–(2): only seed 004 names a ЦОН; seeds 001 and 004 pay through the gateway only, seed 000 and the
    // seed 003 licence also by a scanned receipt.
    expect(exported.services.filter((service) => service.channels.some((channel) => channel.kind === 'serviceCentre')).map((service) => service.id)).toEqual(['seed004.monuments-works-license']);
    expect(byId.get('seed004.monuments-works-license')?.payment?.rule).toBe('gatewayOnly');
    expect(byId.get('seed001.poisons-license')?.payment?.rule).toBe('gatewayOnly');
    expect(byId.get('seed000.space-activity-license')?.payment?.rule).toBe('gatewayRecordOrReceiptScan');
    expect(byId.get('seed003.hydrocarbon-license')?.payment?.rule).toBe('gatewayRecordOrReceiptScan');
    expect(byId.get('seed003.hydrocarbon-license')?.form).toMatchObject({ electronic: true, paper: false, automation: 'full' });
    for (const service of exported.services.filter((entry) => entry.availability === 'available')) {
      expect(service.recipients?.source.quote, service.id).toBeDefined();
      expect(service.form?.source.quote, service.id).toBeDefined();
    }
  });
});
