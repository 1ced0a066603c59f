import { describe, expect, it } from 'vitest';
import { run } from './sync.bench';

describe('sync benchmark', () => {
  it('prints its result in the RESULT line format, with every submission delivered in both runs', async () => {
    const line = await run({ submissions: 6, megabytesPerFile: 0.5 });
    expect(line).toMatch(/^RESULT sync ratio=\S+ ours_ms=\S+ plain_ms=\S+ submissions=6 megabytes=3 resent_pct=\S+ reset_run_ms=\S+ \(.+\)$/);
  }, 120_000);
});
