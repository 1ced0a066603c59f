import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogTable } from './catalogTable';

describe('README service table', () => {
  it('is exactly what the bundled catalog holds', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = /<!-- catalog-table:start -->\n([\s\S]*?)\n<!-- catalog-table:end -->/.exec(readme)?.[1];
    expect(section).toBe(catalogTable());
  });
});
