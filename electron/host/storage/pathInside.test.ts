import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from './pathInside';

const root = '/opt/qabyl/renderer';

describe('resolveInside', () => {
  it('maps app paths into the root and / to index.html', () => {
    expect(resolveInside(root, '/assets/app.js')).toBe(join(root, 'assets/app.js'));
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'));
  });

  it('never resolves outside the root, however the dots are written', () => {
    for (const attempt of ['/../../etc/passwd', '/..%2F..%2Fetc%2Fpasswd', '/assets/../../secret', '/%2e%2e/%2e%2e/x', '..%5C..%5Cwindows', '%2e%2e']) {
      const file = resolveInside(root, attempt);
      if (file !== null) expect(file.startsWith(`${root}/`), `${attempt} -> ${file}`).toBe(true);
    }
    expect(resolveInside(root, '%2e%2e')).toBeNull();
  });

  it('refuses NUL bytes and broken escapes', () => {
    expect(resolveInside(root, '/a%00b')).toBeNull();
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull();
  });
});
