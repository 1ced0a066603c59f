import { describe, expect, it } from 'vitest';
import { run } from './sign.bench';

describe('sign benchmark', () => {
  it('prints its result in the RESULT line format', async () => {
    const line = await run({ files: 2, megabytesPerFile: 1, rounds: 1 });
    expect(line).toMatch(/^RESULT sign ratio=\d+(\.\d+)?(e[+-]?\d+)? ours_ms=\S+ openssl_ms=\S+ megabytes=2 files=2 \(.+\)$/);
  }, 60_000);
});
