/**
 * Fills appPackage/manifest.template.json from the environment and checks the result against Microsoft's
 * Teams manifest schema. `npm run package` and the manifest test both go through here.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { repoRoot } from '../local/paths.js';
import { createZip } from './zip.js';

/** The values the manifest template names as `${{NAME}}`. */
export interface ManifestValues {
  TEAMS_APP_ID: string;
  BOT_ID: string;
  PUBLIC_HOSTNAME: string;
  AAD_APP_CLIENT_ID: string;
  API_APP_ID_URI: string;
  APP_VERSION: string;
}

export const appPackageDir = path.join(repoRoot, 'appPackage');
export const manifestTemplatePath = path.join(appPackageDir, 'manifest.template.json');
export const defaultPackagePath = path.join(appPackageDir, 'build', 'campus.zip');
export const defaultSchemaPath = path.resolve(
  repoRoot,
  '..',
  'shared',
  'schemas',
  'teams-manifest-1.29.schema.json',
);

/** The local dev tenant's Campus app registration and a fixed Teams app id, so local packages stay stable. */
export const devDefaults = {
  PUBLIC_HOSTNAME: 'localhost:3978',
  AZURE_CLIENT_ID: '3c9a6f1e-8d2b-4e57-a1c4-7b0e5d9f2a63',
  TEAMS_APP_ID: 'b7e2d4a1-5c3f-4e8a-9d61-2f0c8a7b3e54',
} as const;

const requiredInProduction = [
  'TEAMS_APP_ID',
  'PUBLIC_HOSTNAME',
  'AZURE_CLIENT_ID',
  'API_APP_ID_URI',
] as const;

/** Raised when the environment cannot fill the manifest; the message names every missing variable. */
export class ManifestConfigError extends Error {
  override readonly name = 'ManifestConfigError';
}

/**
 * Reads the manifest values from `env`. Outside production, missing values fall back to the local dev tenant's;
 * with NODE_ENV=production every required variable must be set, so a package never ships with dev ids.
 */
export function resolveManifestValues(env: NodeJS.ProcessEnv): ManifestValues {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  if (env.NODE_ENV === 'production') {
    const missing = requiredInProduction.filter((name) => read(name) === undefined);
    if (missing.length > 0) {
      throw new ManifestConfigError(
        `Cannot build the Teams app package: missing environment variable(s) ${missing.join(', ')} (NODE_ENV=production).`,
      );
    }
  }
  const publicHostname = read('PUBLIC_HOSTNAME') ?? devDefaults.PUBLIC_HOSTNAME;
  const clientId = read('AZURE_CLIENT_ID') ?? devDefaults.AZURE_CLIENT_ID;
  // Teams SSO needs the application ID URI on the tab's own host name (no port): api://{host}/{clientId}.
  const host = publicHostname.replace(/:\d+$/, '');
  return {
    TEAMS_APP_ID: read('TEAMS_APP_ID') ?? devDefaults.TEAMS_APP_ID,
    BOT_ID: read('BOT_ID') ?? clientId,
    PUBLIC_HOSTNAME: publicHostname,
    AAD_APP_CLIENT_ID: clientId,
    API_APP_ID_URI: read('API_APP_ID_URI') ?? `api://${host}/${clientId}`,
    APP_VERSION: read('APP_VERSION') ?? '1.0.0',
  };
}

/**
 * Replaces every `${{NAME}}` in the template text, then parses it. Values are JSON-escaped so a value can never
 * break out of its string; an unknown placeholder is an error rather than a literal left in the package.
 */
export function fillManifestTemplate(template: string, values: ManifestValues): Record<string, unknown> {
  const unknown = new Set<string>();
  const filled = template.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_match, name: string) => {
    if (!Object.hasOwn(values, name)) {
      unknown.add(name);
      return '';
    }
    return JSON.stringify(values[name as keyof ManifestValues]).slice(1, -1);
  });
  if (unknown.size > 0) {
    throw new ManifestConfigError(
      `The manifest template names unknown placeholder(s): ${[...unknown].join(', ')}.`,
    );
  }
  return JSON.parse(filled) as Record<string, unknown>;
}

/** A compiled check of manifests against one schema file. */
export type ManifestValidator = (manifest: unknown) => void;

/** Compiles the Teams manifest schema (JSON Schema draft-04) at `schemaPath` into a validator that throws. */
export async function createManifestValidator(
  schemaPath: string = defaultSchemaPath,
): Promise<ManifestValidator> {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as Record<string, unknown>;
  // The official schema uses a few keywords newer than draft-04 (const); strict mode would reject them.
  // Both packages are CommonJS; under NodeNext their classes sit on `.default`.
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile(schema);
  return (manifest) => {
    if (!validate(manifest)) {
      const problems = (validate.errors ?? []).map(
        (error) => `${error.instancePath || '/'} ${error.message ?? ''}`,
      );
      throw new ManifestConfigError(
        `The manifest does not match ${path.basename(schemaPath)}:\n${problems.join('\n')}`,
      );
    }
  };
}

/** Reads the template, fills it from `env` and validates it: the manifest.json that goes into the package. */
export async function buildManifest(
  env: NodeJS.ProcessEnv,
  schemaPath: string = env.TEAMS_MANIFEST_SCHEMA ?? defaultSchemaPath,
): Promise<Record<string, unknown>> {
  const values = resolveManifestValues(env);
  const manifest = fillManifestTemplate(await readFile(manifestTemplatePath, 'utf8'), values);
  const validate = await createManifestValidator(schemaPath);
  validate(manifest);
  return manifest;
}

/**
 * Writes the Teams app package: manifest.json, color.png and outline.png at the root of a zip at `outFile`.
 * Returns the manifest that went in.
 */
export async function writeAppPackage(
  env: NodeJS.ProcessEnv,
  outFile: string = defaultPackagePath,
): Promise<Record<string, unknown>> {
  const manifest = await buildManifest(env);
  const icons = manifest.icons as { color: string; outline: string };
  const zip = createZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: icons.color, data: await readFile(path.join(appPackageDir, icons.color)) },
    { name: icons.outline, data: await readFile(path.join(appPackageDir, icons.outline)) },
  ]);
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, zip);
  return manifest;
}
