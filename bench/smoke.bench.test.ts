import { describe, expect, it } from 'vitest';
import { run } from './smoke.bench';

describe('smoke benchmark', () => {
  it('prints its result in the RESULT line format', () => {
    const line = run({ rounds: 3, iterations: 20 });
    expect(line).toMatch(/^RESULT smoke ratio=\d+(\.\d+)?(e[+-]?\d+)? xml_us=\S+ json_us=\S+ fields=60 attachments=8 \(.+\)$/);
  });
});
