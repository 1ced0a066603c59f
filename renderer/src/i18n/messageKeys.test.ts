/**
 * Every key the renderer asks for exists in Kazakh, Russian and English, no text is empty, and the three
 * languages use the same {{placeholders}}: a missing or misspelt key fails here, not in front of an applicant.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { languages, messages } from '../../../shared/i18n/messages';

const sourceRoot = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const flat = (language: (typeof languages)[number]) =>
  new Map(Object.entries(messages[language]).flatMap(([section, entries]) => Object.entries(entries as Record<string, string>).map(([key, text]) => [`${section}.${key}`, text] as const)));

// t('section.key') and t(`section.prefix_${…}`): a literal key, or the literal start of a computed one.
const literalKey = /\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g;
const computedKey = /\bt\(\s*`([a-zA-Z]+\.[a-zA-Z0-9_]*)\$\{/g;

describe('interface texts', () => {
  const kk = flat('kk');

  it('has every key the renderer uses, in every language', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(sourceRoot)) {
      const text = readFileSync(file, 'utf8');
      for (const [, key] of text.matchAll(literalKey)) {
        for (const language of languages) if (!flat(language).has(key as `${string}.${string}`)) missing.push(`${relative(sourceRoot, file)}: ${language} ${key}`);
      }
      for (const [, prefix] of text.matchAll(computedKey)) {
        if (![...kk.keys()].some((key) => key.startsWith(prefix!))) missing.push(`${relative(sourceRoot, file)}: no key starts with ${prefix}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds keys in the sources at all (the scan itself works)', () => {
    const found = sourceFiles(sourceRoot).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(literalKey)]);
    expect(found.length).toBeGreaterThan(100);
  });

  it('has no empty text and the same placeholders in Kazakh, Russian and English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort().join(',');
    const problems: string[] = [];
    for (const [key, text] of kk) {
      for (const language of languages) {
        const other = flat(language).get(key) ?? '';
        if (other.trim() === '') problems.push(`${language} ${key} is empty`);
        else if (placeholders(other) !== placeholders(text)) problems.push(`${language} ${key}: {{${placeholders(other)}}} vs kk {{${placeholders(text)}}}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
