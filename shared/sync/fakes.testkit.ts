/** Test-only fakes for the engine's ports: a settable clock, a scheduler tests fire by hand, a scripted gateway. */
import type { Clock, Scheduler, SyncTransport } from './outboxEngine';
import { newOutboxEntry, type OutboxEntry, type OutboxPayload } from './outbox';
import type { ApplicantCheck, CommitOutcome, PollOutcome, ResultOutcome, UploadOutcome } from './syncOutcomes';

export class FakeClock implements Clock {
  constructor(public ms = Date.UTC(2025, 2, 14, 5, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

interface Timer {
  at: number;
  fn: () => unknown;
}

export class FakeScheduler implements Scheduler {
  private timers: Timer[] = [];

  constructor(private readonly clock: FakeClock) {}

  setTimer(ms: number, fn: () => void): () => void {
    const timer: Timer = { at: this.clock.now() + ms, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Due times of the armed timers. */
  pending(): number[] {
    return this.timers.map((t) => t.at).sort((a, b) => a - b);
  }

  /** Moves the clock to the earliest timer, fires it and waits for the run it started. */
  async fireNext(): Promise<void> {
    const next = [...this.timers].sort((a, b) => a.at - b.at)[0];
    if (!next) throw new Error('no timer armed');
    this.timers = this.timers.filter((t) => t !== next);
    this.clock.ms = Math.max(this.clock.ms, next.at);
    await next.fn();
  }
}

/** Counts how many calls of one kind overlapped. */
class Overlap {
  max = 0;
  private now = 0;
  async run<T>(work: () => T): Promise<T> {
    this.now += 1;
    this.max = Math.max(this.max, this.now);
    try {
      // Yield a few times so an engine that overlapped calls would show it.
      for (let i = 0; i < 3; i++) await tick();
      return work();
    } finally {
      this.now -= 1;
    }
  }
}

export interface GatewayScript {
  checkApplicant(entry: OutboxEntry): ApplicantCheck;
  upload(entry: OutboxEntry, sha256: string, call: number): UploadOutcome;
  commit(entry: OutboxEntry, call: number): CommitOutcome;
  poll(entry: OutboxEntry, call: number): PollOutcome;
  fetchResult(entry: OutboxEntry): ResultOutcome;
}

const defaultScript: GatewayScript = {
  checkApplicant: () => ({ kind: 'match' }),
  upload: (_entry, sha256) => ({ kind: 'uploaded', sha256, bytesSent: 100 }),
  commit: (entry) => accepted(entry.id),
  poll: () => ({ kind: 'status', status: 'in_review', events: [], decided: false }),
  fetchResult: () => ({ kind: 'result', result: sampleLicense }),
};

/** A gateway whose answers tests script; records calls and how many overlapped. */
export class FakeGateway implements SyncTransport {
  reachable = true;
  probes = 0;
  readonly uploads: string[] = [];
  readonly commits: string[] = [];
  readonly polls: string[] = [];
  readonly checks: string[] = [];
  readonly uploadOverlap = new Overlap();
  readonly commitOverlap = new Overlap();
  private readonly calls = new Map<string, number>();
  script: GatewayScript = { ...defaultScript };

  answer(script: Partial<GatewayScript>): void {
    this.script = { ...this.script, ...script };
  }

  private count(key: string): number {
    const call = (this.calls.get(key) ?? 0) + 1;
    this.calls.set(key, call);
    return call;
  }

  async probe(): Promise<boolean> {
    this.probes += 1;
    await tick();
    return this.reachable;
  }

  async checkApplicant(entry: OutboxEntry): Promise<ApplicantCheck> {
    this.checks.push(entry.id);
    await tick();
    return this.script.checkApplicant(entry);
  }

  upload(entry: OutboxEntry, sha256: string): Promise<UploadOutcome> {
    this.uploads.push(`${entry.id}:${sha256}`);
    const call = this.count(`upload:${entry.id}:${sha256}`);
    return this.uploadOverlap.run(() => this.script.upload(entry, sha256, call));
  }

  commit(entry: OutboxEntry): Promise<CommitOutcome> {
    this.commits.push(entry.id);
    const call = this.count(`commit:${entry.id}`);
    return this.commitOverlap.run(() => this.script.commit(entry, call));
  }

  async poll(entry: OutboxEntry): Promise<PollOutcome> {
    this.polls.push(entry.id);
    await tick();
    return this.script.poll(entry, this.count(`poll:${entry.id}`));
  }

  async fetchResult(entry: OutboxEntry): Promise<ResultOutcome> {
    await tick();
    return this.script.fetchResult(entry);
  }
}

export function accepted(id: string): CommitOutcome {
  return { kind: 'accepted', registrationNumber: `KZ-${id}`, status: 'registered' };
}

export const sampleLicense = {
  kind: 'license' as const,
  decidedAt: '2025-03-20T10:00:00.000Z',
  documentSha256: 'd'.repeat(64),
  fileName: 'license.pdf',
  licenseNumber: 'LIC-1',
  signedBy: 'Provider',
};

export const sha = (n: number) => n.toString(16).padStart(64, '0');

export function sampleEntry(id: string, now: number, payload: Partial<OutboxPayload> = {}): OutboxEntry {
  return newOutboxEntry({
    id,
    requestId: id,
    now,
    payload: { signedXml: `<request id="${id}"/>`, attachments: [], ...payload },
  });
}

export const withFiles = (...numbers: number[]): Partial<OutboxPayload> => ({
  attachments: numbers.map((n) => ({ sha256: sha(n), fileName: `scan-${n}.pdf`, mimeType: 'application/pdf' })),
});

const tick = () => Promise.resolve();
