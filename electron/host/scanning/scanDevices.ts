/**
 * The scanners a workstation can reach, over every source (eSCL addresses from the settings, SANE devices),
 * remembered by stable id so a scan started from the list finds its device without asking every source again.
 */
import { HostError } from '../../../shared/host/hostError';
import type { ScanDevice, ScannerSource } from './scanTypes';

export interface ScanDeviceDirectory {
  discover(): Promise<ScanDevice[]>;
  find(deviceId: string): Promise<{ device: ScanDevice; source: ScannerSource }>;
}

/** `sources` is asked anew each time: the administrator may have added an address since. */
export function createScanDeviceDirectory(sources: () => Promise<ScannerSource[]>): ScanDeviceDirectory {
  let known = new Map<string, { device: ScanDevice; source: ScannerSource }>();
  async function discover(): Promise<ScanDevice[]> {
    const found = new Map<string, { device: ScanDevice; source: ScannerSource }>();
    const lists = await Promise.all((await sources()).map(async (source) => ({ source, devices: await source.discover(AbortSignal.timeout(10_000)).catch(() => []) })));
    for (const { source, devices } of lists) for (const device of devices) found.set(device.id, { device, source });
    known = found;
    return [...found.values()].map(({ device }) => device);
  }
  return {
    discover,
    async find(deviceId) {
      const entry = known.get(deviceId) ?? (await discover(), known.get(deviceId));
      if (!entry) throw new HostError('scan.unknownDevice');
      return entry;
    },
  };
}
