/**
 * `npm run package`: builds appPackage/build/campus.zip from appPackage/manifest.template.json and the environment
 * (TEAMS_APP_ID, BOT_ID, PUBLIC_HOSTNAME, AZURE_CLIENT_ID, API_APP_ID_URI, APP_VERSION; TEAMS_MANIFEST_SCHEMA).
 */
import path from 'node:path';
import { defaultPackagePath, ManifestConfigError, writeAppPackage } from './app-manifest.js';
import { repoRoot } from '../local/paths.js';

try {
  const manifest = await writeAppPackage(process.env);
  const tab = (manifest.staticTabs as Array<{ contentUrl?: string }>)[0];
  console.log(
    `Wrote ${path.relative(repoRoot, defaultPackagePath)} (app ${String(manifest.id)}, tab ${tab?.contentUrl ?? '?'})`,
  );
} catch (error) {
  if (!(error instanceof ManifestConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
