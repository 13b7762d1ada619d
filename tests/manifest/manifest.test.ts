import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildManifest,
  createManifestValidator,
  defaultSchemaPath,
  fillManifestTemplate,
  manifestTemplatePath,
  resolveManifestValues,
  writeAppPackage,
  type ManifestValidator,
} from '../../infra/scripts/app-manifest.js';
import { readZip } from './read-zip.js';

const schemaPath = process.env.TEAMS_MANIFEST_SCHEMA ?? defaultSchemaPath;
const testEnv = {
  NODE_ENV: 'production',
  TEAMS_APP_ID: '0f5e1c2a-7b9d-4c3e-8a41-6d2b9e0f1a77',
  BOT_ID: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  PUBLIC_HOSTNAME: 'campus.contoso.example',
  AZURE_CLIENT_ID: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  API_APP_ID_URI: 'api://campus.contoso.example/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
};

describe('Teams app manifest', () => {
  let validate: ManifestValidator;
  let workDir: string;
  beforeAll(async () => {
    validate = await createManifestValidator(schemaPath);
    workDir = await mkdtemp(path.join(tmpdir(), 'campus-manifest-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('fills every placeholder and matches the official 1.29 schema', async () => {
    const manifest = await buildManifest(testEnv, schemaPath);
    const text = JSON.stringify(manifest);
    expect(text).not.toContain('${{');
    expect(manifest).toMatchObject({
      manifestVersion: '1.29',
      id: testEnv.TEAMS_APP_ID,
      validDomains: [testEnv.PUBLIC_HOSTNAME],
      webApplicationInfo: { id: testEnv.AZURE_CLIENT_ID, resource: testEnv.API_APP_ID_URI },
      permissions: ['identity'],
    });
    const [tab] = manifest.staticTabs as Array<Record<string, unknown>>;
    expect(tab).toMatchObject({
      contentUrl: 'https://campus.contoso.example/?inTeams=1',
      websiteUrl: 'https://campus.contoso.example/',
      scopes: ['personal'],
      context: ['personalTab'],
    });
    const [bot] = manifest.bots as Array<{
      botId: string;
      scopes: string[];
      commandLists: Array<{ commands: Array<{ title: string }> }>;
    }>;
    expect(bot?.botId).toBe(testEnv.BOT_ID);
    expect(bot?.scopes).toEqual(['personal', 'team']);
    for (const list of bot?.commandLists ?? []) {
      expect(list.commands.map((command) => command.title)).toEqual(['sessions', 'my sessions', 'help']);
    }
  });

  it('rejects a filled manifest that breaks the schema, naming the field', async () => {
    const template = await readFile(manifestTemplatePath, 'utf8');
    const manifest = fillManifestTemplate(template, {
      ...resolveManifestValues(testEnv),
      TEAMS_APP_ID: 'not-a-guid',
    });
    expect(() => validate(manifest)).toThrow(/\/id /);
  });

  it('falls back to the local dev tenant outside production, with the bot on the app registration', () => {
    const values = resolveManifestValues({});
    expect(values).toMatchObject({
      PUBLIC_HOSTNAME: 'localhost:3978',
      AAD_APP_CLIENT_ID: '3c9a6f1e-8d2b-4e57-a1c4-7b0e5d9f2a63',
      BOT_ID: '3c9a6f1e-8d2b-4e57-a1c4-7b0e5d9f2a63',
      API_APP_ID_URI: 'api://localhost/3c9a6f1e-8d2b-4e57-a1c4-7b0e5d9f2a63',
    });
    expect(() => validate(fillManifestTemplate('{"id":"${{TEAMS_APP_ID}}"}', values))).toThrow(
      /manifestVersion/,
    );
  });

  it('names every missing variable in production mode', async () => {
    const { TEAMS_APP_ID: _appId, API_APP_ID_URI: _uri, ...partial } = testEnv;
    await expect(buildManifest(partial, schemaPath)).rejects.toThrow(/TEAMS_APP_ID, API_APP_ID_URI/);
  });

  it('refuses a template placeholder it has no value for', () => {
    expect(() => fillManifestTemplate('{"a":"${{NOPE}}"}', resolveManifestValues({}))).toThrow(/NOPE/);
  });

  it('writes a zip with manifest.json, color.png and outline.png at its root', async () => {
    const zipPath = path.join(workDir, 'campus.zip');
    const manifest = await writeAppPackage({ ...testEnv, TEAMS_MANIFEST_SCHEMA: schemaPath }, zipPath);
    const files = readZip(await readFile(zipPath));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(files.get('manifest.json')!.toString('utf8'))).toEqual(manifest);
    expect(pngSize(files.get('color.png')!)).toEqual({ width: 192, height: 192 });
    expect(pngSize(files.get('outline.png')!)).toEqual({ width: 32, height: 32 });
  });
});

/** Width and height from a PNG's IHDR, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
