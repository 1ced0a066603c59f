import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { componentSchemas, OPENAPI_PATH, schemasBlock, withSchemasBlock } from './gatewaySchemas';

const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020').default as new (options: object) => { compile(schema: object): unknown };

describe('openapi.yaml', () => {
  const text = readFileSync(OPENAPI_PATH, 'utf8');

  it('carries the component schemas generated from the zod schemas (run `npx tsx scripts/gatewaySchemas.ts`)', () => {
    expect(text).toBe(withSchemasBlock(text, schemasBlock()));
    const document = load(text) as { openapi: string; components: { schemas: object } };
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.schemas).toEqual(componentSchemas());
  });

  it('has every component schema valid JSON Schema 2020-12 and every $ref resolving', () => {
    const ajv = new Ajv2020({ strict: false });
    for (const schema of Object.values(componentSchemas())) expect(() => ajv.compile(schema as object)).not.toThrow();
    const document = load(text) as Record<string, unknown>;
    const refs = [...text.matchAll(/\$ref: '#\/([^']+)'/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const target = ref.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
      expect(target, ref).toBeDefined();
    }
  });
});
