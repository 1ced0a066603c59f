import { afterEach, describe, expect, it } from 'vitest';
import { startEsclStandIn, type EsclStandIn } from '../../../../test/escl/esclStandIn';
import { startEsclBrowser, type EsclBrowser } from './esclDiscovery';
import { createEsclSource } from './esclSource';

const cleanup: (EsclStandIn | EsclBrowser)[] = [];
afterEach(async () => {
  for (const item of cleanup.splice(0)) await item.close();
});

describe('eSCL discovery by DNS-SD', () => {
  it('hears a scanner announce itself on the network and lists it as a device', async () => {
    const scanner = await startEsclStandIn({ makeAndModel: 'Announced MFP', advertise: true });
    cleanup.push(scanner);
    const browser = startEsclBrowser({ mdns: { loopback: true } });
    cleanup.push(browser);
    await expect.poll(() => browser.roots(), { timeout: 5_000 }).toContain(scanner.url);
    const devices = await createEsclSource({ devices: browser.roots() }).discover();
    expect(devices).toContainEqual(expect.objectContaining({ id: `escl:${scanner.url}`, name: 'Announced MFP' }));
  });

  it('forgets a scanner it has not heard of for a while', async () => {
    let now = 1_000_000;
    const scanner = await startEsclStandIn({ makeAndModel: 'Short-lived MFP', advertise: true });
    cleanup.push(scanner);
    const browser = startEsclBrowser({ mdns: { loopback: true }, now: () => now });
    cleanup.push(browser);
    await expect.poll(() => browser.roots(), { timeout: 5_000 }).toContain(scanner.url);
    now += 10 * 60_000;
    expect(browser.roots()).not.toContain(scanner.url);
  });
});
