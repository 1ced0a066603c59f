/**
 * Writes the component schemas of shared/gateway/openapi.yaml from the protocol's zod schemas
 * (`npx tsx scripts/gatewaySchemas.ts`), so the document people read describes the types both sides code
 * against; a test fails when the two drift.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dump } from 'js-yaml';
import { z } from 'zod';
import {
  individualRecordSchema,
  legalEntityRecordSchema,
  paymentRecordSchema,
  powerOfAttorneySchema,
  problemSchema,
  submissionCommitSchema,
  submissionResultSchema,
  submissionStatusSchema,
  timelineEventSchema,
  tokenResponseSchema,
} from '../shared/gateway/gatewayProtocol';

export const OPENAPI_PATH = fileURLToPath(new URL('../shared/gateway/openapi.yaml', import.meta.url));
const START = '    # generated:start (npx tsx scripts/gatewaySchemas.ts)\n';
const END = '    # generated:end\n';

const schemas = {
  TokenResponse: tokenResponseSchema,
  SubmissionCommit: submissionCommitSchema,
  SubmissionStatus: submissionStatusSchema,
  TimelineEvent: timelineEventSchema,
  SubmissionResult: submissionResultSchema,
  IndividualRecord: individualRecordSchema,
  LegalEntityRecord: legalEntityRecordSchema,
  PowerOfAttorney: powerOfAttorneySchema,
  PaymentRecord: paymentRecordSchema,
  Problem: problemSchema,
};

/** JSON Schema 2020-12, the dialect of OpenAPI 3.1; as the sender produces them (defaults applied). */
export function componentSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'output' });
      return [name, json];
    }),
  );
}

export function schemasBlock(): string {
  const yaml = dump(componentSchemas(), { lineWidth: -1, noRefs: true, sortKeys: false });
  return yaml.replace(/^(?=.)/gm, '    ');
}

/** The YAML with its generated block replaced by `block`. */
export function withSchemasBlock(document: string, block: string): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error('openapi.yaml has lost its generated-block markers');
  return document.slice(0, start + START.length) + block + document.slice(end);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OPENAPI_PATH, withSchemasBlock(readFileSync(OPENAPI_PATH, 'utf8'), schemasBlock()));
  console.log(`wrote ${Object.keys(schemas).length} schemas into ${OPENAPI_PATH}`);
}
