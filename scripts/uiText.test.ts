import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const rendererSrc = fileURLToPath(new URL('../renderer/src', import.meta.url));
const components = (readdirSync(rendererSrc, { recursive: true }) as string[]).filter((file) => file.endsWith('.tsx') && !file.endsWith('.test.tsx'));
/** Words the operator reads must come from shared/i18n; the product name is the one literal allowed. */
const ALLOWED = new Set(['Qabyl']);
/** Keyboard shortcuts are key names, the same in every language. */
const SHORTCUT = /^←?\s*\((Esc|Enter|F1|Ctrl\+Enter|Alt\+[A-Z]|Shift\+[A-Z]|Delete|Insert)\)$/;
const READABLE_ATTRIBUTES = new Set(['label', 'placeholder', 'title', 'aria-label', 'alt']);
const WORD = /\p{L}{2,}/u;

/** JSX text and readable string attributes, as the TypeScript parser sees them. */
function literalsIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(rendererSrc, file), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORD.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && READABLE_ATTRIBUTES.has(node.name.getText(source)) && node.initializer && ts.isStringLiteral(node.initializer) && WORD.test(node.initializer.text)) {
      found.push(node.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((text) => !ALLOWED.has(text) && !SHORTCUT.test(text)).map((text) => `${file}: ${text}`);
}

describe('UI text', () => {
  it('is never written into components, only taken from the kk/ru/en messages', () => {
    expect(components.length).toBeGreaterThan(10);
    expect(components.flatMap(literalsIn)).toEqual([]);
  });
});
