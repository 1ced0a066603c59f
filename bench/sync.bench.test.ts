import { describe, expect, it } from 'vitest';
import { run } from './sync.bench';

describe('sync benchmark', () => {
  it('prints its result lines in the RESULT format, with every submission delivered in each run, over loopback and the emulated link', async () => {
    // A fast link that still drops connections mid-upload, so the runs resume and resend as on the real one.
    const link = { upBitsPerSecond: 80_000_000, rttMs: 20, loss: 0.01, disconnectEveryMs: 700 };
    const lines = (await run({ submissions: 6, megabytesPerFile: 0.5, wan: { submissions: 4, megabytesPerFile: 2, link } })).split('\n');
    expect(lines[0]).toMatch(/^RESULT sync ratio=\S+ ours_ms=\S+ plain_ms=\S+ submissions=6 megabytes=3 resent_pct=\S+ reset_run_ms=\S+ \(.+\)$/);
    expect(lines[1]).toMatch(/^RESULT sync-wan ratio=\S+ ours_ms=\S+ plain_ms=\S+ submissions=4 up_mbit=80 rtt_ms=20 loss_pct=1 disconnect_s=0.7 \(.+\)$/);
  }, 120_000);
});
