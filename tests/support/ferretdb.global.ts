/**
 * vitest global setup: one store per test run. Uses MONGODB_URI when set (a real MongoDB or a shared FerretDB);
 * otherwise starts FerretDB in a fresh temporary directory and removes it afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startFerretDb } from '../../infra/local/ferretdb.js';
// provided-context.ts augments vitest's ProvidedContext; the augmentation applies only once vitest itself is loaded.
import type {} from 'vitest';
import type {} from './provided-context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const externalUri = process.env.MONGODB_URI;
  if (externalUri) {
    project.provide('mongodbUri', externalUri);
    return async () => {};
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'campus-ferretdb-'));
  try {
    const ferretDb = await startFerretDb({ dataDir });
    project.provide('mongodbUri', ferretDb.uri);
    return async () => {
      await ferretDb.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
