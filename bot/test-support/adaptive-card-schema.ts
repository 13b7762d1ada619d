import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import addFormats from 'ajv-formats';

/** Where the official Adaptive Card 1.5 schema lives: ADAPTIVE_CARD_SCHEMA, or ../shared beside the repository. */
export const adaptiveCardSchemaPath =
  process.env.ADAPTIVE_CARD_SCHEMA ??
  fileURLToPath(new URL('../../../shared/schemas/adaptive-card-1.5.schema.json', import.meta.url));

/** The outcome of checking one card: `errors` lists Ajv's messages with the JSON pointer they concern. */
export interface CardValidation {
  valid: boolean;
  errors: string[];
}

const compiled = new Map<string, ValidateFunction>();

function compile(schemaPath: string): ValidateFunction {
  const cached = compiled.get(schemaPath);
  if (cached) return cached;
  const { id, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as { id?: string } & Record<
    string,
    unknown
  >;
  // The official schema is draft-06 and names its id `id` (draft-04 style); Ajv 8 only reads `$id`. It also carries
  // documentation keywords of its own (`version`, `features`), hence strict: false.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06MetaSchema);
  addFormats.default(ajv);
  const validate = ajv.compile({ ...schema, $id: id });
  compiled.set(schemaPath, validate);
  return validate;
}

/**
 * Checks a card against an official Adaptive Card schema (1.5 by default; pass the 1.4 schema's path for cards that
 * must render in older Outlook clients).
 */
export function validateAdaptiveCard(
  card: unknown,
  schemaPath: string = adaptiveCardSchemaPath,
): CardValidation {
  const validate = compile(schemaPath);
  if (validate(card)) return { valid: true, errors: [] };
  return {
    valid: false,
    errors: (validate.errors ?? []).map(
      (error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`,
    ),
  };
}
