import { describe, expect, it } from 'vitest';
import { run } from './ui.bench';

describe('ui benchmark', () => {
  it('prints its result in the RESULT line format', async () => {
    const line = await run({ requests: 2_000, queriesPerKind: 10 });
    expect(line).toMatch(/^RESULT ui ratio=\S+ p95_ms=\S+ raw_p95_ms=\S+ list_ms=\S+ initial_js_kb=\S+ requests=2000 \(.+\)$/);
  }, 120_000);
});
