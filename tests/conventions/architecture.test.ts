import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalog } from '@campus/api/errors';
import { repoRoot } from '@campus/infra/paths';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2]!,
  );
}

const ADAPTER_LIBRARIES = /^(fastify|@fastify\/|mongodb|botbuilder|botframework-|@microsoft\/microsoft-graph-client|@azure\/msal-node|jose|typebox)/;

describe('architecture', () => {
  it('keeps the domain free of adapter libraries and of the adapters and http folders', () => {
    const offending = sourceFiles(path.join(repoRoot, 'api/src/domain')).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => ADAPTER_LIBRARIES.test(specifier) || /\/(adapters|http)\//.test(specifier))
        .map((specifier) => `${path.relative(repoRoot, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('confines the archived Bot Framework SDK to bot/', () => {
    const outside = ['api', 'tab', 'infra', 'tests'].flatMap((workspace) =>
      sourceFiles(path.join(repoRoot, workspace)).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => /^(botbuilder|botframework-)/.test(specifier))
          .map((specifier) => `${path.relative(repoRoot, file)} imports ${specifier}`),
      ),
    );
    expect(outside).toEqual([]);
  });

  it('documents every error code of the catalog in docs/errors.md with its status', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs/errors.md'), 'utf8');
    const undocumented = Object.entries(errorCatalog)
      .filter(([code, status]) => !new RegExp(`\\| \`${code}\` \\| ${status} \\|`).test(doc))
      .map(([code]) => code);
    expect(undocumented).toEqual([]);
  });
});
