/**
 * Every text exists in Kazakh, Russian and English and none is empty, and the three languages use the same
 * {{placeholders}}. That every key the renderer asks for exists is checked by the compiler (MessageKey in i18n.ts).
 */
import { describe, expect, it } from 'vitest';
import { languages, messages } from '../../../shared/i18n/messages';

const flat = (language: (typeof languages)[number]) =>
  new Map(Object.entries(messages[language]).flatMap(([section, entries]) => Object.entries(entries as Record<string, string>).map(([key, text]) => [`${section}.${key}`, text] as const)));

describe('interface texts', () => {
  const kk = flat('kk');

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
