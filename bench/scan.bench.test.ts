import { describe, expect, it } from 'vitest';
import { run } from './scan.bench';

describe('scan benchmark', () => {
  it('prints its result in the RESULT line format, with every page in the PDF', async () => {
    const line = await run({ pages: 6 });
    expect(line).toMatch(/^RESULT scan ratio=\S+ kb_per_page=\S+ pages_per_s=\S+ peak_rss_mb=\S+ ours_ms=\S+ ref_ms=\S+ pages=6 \(.+\)$/);
  }, 60_000);
});
