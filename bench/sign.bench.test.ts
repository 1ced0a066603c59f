import { describe, expect, it } from 'vitest';
import { run } from './sign.bench';

describe('sign benchmark', () => {
  it('prints an RSA and a GOST result in the RESULT line format', async () => {
    const [rsa, gost, ...rest] = (await run({ files: 2, megabytesPerFile: 1, rounds: 1 })).split('\n');
    const number = String.raw`\d+(\.\d+)?(e[+-]?\d+)?`;
    expect(rsa).toMatch(new RegExp(`^RESULT sign ratio=${number} ours_ms=\\S+ openssl_ms=\\S+ megabytes=2 files=2 \\(.+\\)$`));
    expect(gost).toMatch(new RegExp(`^RESULT sign-gost ratio=${number} ours_ms=\\S+ openssl_ms=\\S+ megabytes=2 files=2 \\(.+\\)$`));
    expect(rest).toEqual([]);
  }, 120_000);
});
