/** Test-only fakes for the engine's ports: a settable clock, a scheduler tests fire by hand, a scripted gateway. */
import type { DeliveryOutcome } from '../host/hostApi';
import type { Clock, DeliveryTransport, Scheduler } from './outboxEngine';
import { newOutboxEntry, type OutboxEntry } from './outbox';

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

type Script = (entry: OutboxEntry, call: number) => DeliveryOutcome;

/** A gateway whose answers tests script; records calls and how many overlapped. */
export class FakeTransport implements DeliveryTransport {
  reachable = true;
  readonly delivered: string[] = [];
  probes = 0;
  maxConcurrent = 0;
  private concurrent = 0;
  private readonly calls = new Map<string, number>();

  constructor(private script: Script = (entry) => accepted(entry.id)) {}

  answer(script: Script): void {
    this.script = script;
  }

  async probe(): Promise<boolean> {
    this.probes += 1;
    await tick();
    return this.reachable;
  }

  async deliver(entry: OutboxEntry): Promise<DeliveryOutcome> {
    this.concurrent += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    try {
      const call = (this.calls.get(entry.id) ?? 0) + 1;
      this.calls.set(entry.id, call);
      this.delivered.push(entry.id);
      // Yield a few times so an engine that overlapped deliveries would show it in maxConcurrent.
      for (let i = 0; i < 3; i++) await tick();
      return this.script(entry, call);
    } finally {
      this.concurrent -= 1;
    }
  }
}

export function accepted(id: string): DeliveryOutcome {
  return { kind: 'accepted', registrationNumber: `KZ-${id}`, status: 'registered' };
}

export function sampleEntry(id: string, now: number): OutboxEntry {
  return newOutboxEntry({
    id,
    requestId: id,
    now,
    payload: { signedXml: `<request id="${id}"/>`, attachments: [] },
  });
}

const tick = () => Promise.resolve();
