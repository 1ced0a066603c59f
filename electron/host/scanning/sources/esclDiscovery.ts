/**
 * Finds eSCL scanners on the office network by DNS-SD (`_uscan._tcp`, scanning.md §2.1): a query at start and
 * at an interval, answers collected as they come, so the scan panel's device list never waits for the
 * network. Multicast rarely crosses subnets (and Windows may hold port 5353), so addresses entered by the
 * administrator stay the dependable way; what is found here is added to them.
 */
import makeMdns from 'multicast-dns';
import type { Answer } from 'dns-packet';

const SERVICE = '_uscan._tcp.local';
const REQUERY_MS = 60_000;
/** A scanner not heard of for this long is taken as gone (switched off, moved). */
const FORGET_MS = 5 * REQUERY_MS;

/** Scanners answer a query within a few hundred milliseconds on a LAN. */
const ANSWER_WAIT_MS = 400;

export interface EsclBrowser {
  /** eSCL roots heard of recently, e.g. `http://192.168.1.20:80/eSCL`. */
  roots(): string[];
  /** Asks the network again ("look for scanners again") and gives the answers a moment to arrive. */
  refresh(): Promise<void>;
  close(): void;
}

interface Heard {
  root: string;
  at: number;
}

export function startEsclBrowser(options: { now?: () => number; mdns?: makeMdns.Options; onError?: (error: unknown) => void } = {}): EsclBrowser {
  const now = options.now ?? Date.now;
  const heard = new Map<string, Heard>();
  const mdns = makeMdns(options.mdns);
  // No multicast on this machine is not a failure of scanning: the entered addresses still work.
  mdns.on('error', (error: unknown) => options.onError?.(error));
  mdns.on('response', (response) => {
    const records = [...response.answers, ...response.additionals];
    for (const record of records) {
      if (record.type !== 'PTR' || record.name !== SERVICE) continue;
      const instance = record.data;
      const root = rootOf(instance, records);
      if (root) heard.set(instance, { root, at: now() });
    }
  });
  const query = () => mdns.query({ questions: [{ name: SERVICE, type: 'PTR' }] });
  query();
  const timer = setInterval(query, REQUERY_MS);
  timer.unref();
  return {
    roots: () => [...heard.values()].filter((entry) => now() - entry.at < FORGET_MS).map((entry) => entry.root),
    async refresh() {
      query();
      await new Promise((resolve) => setTimeout(resolve, ANSWER_WAIT_MS));
    },
    close() {
      clearInterval(timer);
      mdns.destroy();
    },
  };
}

/** The scanner's eSCL root from its SRV (port, host), TXT `rs` (resource path) and A record; null if incomplete. */
function rootOf(instance: string, records: Answer[]): string | null {
  const srv = records.find((record) => record.type === 'SRV' && record.name === instance);
  if (srv?.type !== 'SRV') return null;
  const address = records.find((record) => record.type === 'A' && record.name === srv.data.target);
  if (address?.type !== 'A') return null;
  const txt = records.find((record) => record.type === 'TXT' && record.name === instance);
  const resource = txt?.type === 'TXT' ? txtValue(txt.data, 'rs') : undefined;
  return `http://${address.data}:${srv.data.port}/${(resource ?? 'eSCL').replace(/^\/+/, '')}`;
}

function txtValue(data: string | Buffer | (string | Buffer)[], key: string): string | undefined {
  const entries = (Array.isArray(data) ? data : [data]).map((entry) => entry.toString());
  const found = entries.find((entry) => entry.startsWith(`${key}=`));
  return found?.slice(key.length + 1);
}
