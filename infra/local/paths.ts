import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, found from this file's place so scripts work from any working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Local state of the embedded default (FerretDB data, the dev CA); git ignores it. */
export const localDataDir = path.join(repoRoot, '.data');
