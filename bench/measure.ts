/** Median time of `fn` over rounds, each round long enough to dwarf timer resolution. */
export function medianMicros(fn: () => unknown, { rounds = 15, iterations = 2000 } = {}): number {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) fn(); // warm up the JIT before measuring
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export function resultLine(name: string, ratio: number, figures: Record<string, number | string>, compares: string): string {
  const pairs = Object.entries(figures).map(([key, value]) => `${key}=${typeof value === 'number' ? Number(value.toPrecision(4)) : value}`);
  return `RESULT ${name} ratio=${Number(ratio.toPrecision(4))} ${pairs.join(' ')} (${compares})`;
}
