import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const minimal = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/',
  AZURE_TENANT_ID: '5f0d1c7e-2b7a-4c1e-9d3a-6a8b2f0e4c11',
  AZURE_CLIENT_ID: '3c9a6f1e-8d2b-4e57-a1c4-7b0e5d9f2a63',
  AZURE_CLIENT_SECRET: 'secret',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('fills defaults for Microsoft cloud and the Teams port', () => {
    const config = loadConfig(minimal);
    expect(config.port).toBe(3978);
    expect(config.authorityHost).toBe('https://login.microsoftonline.com');
    expect(config.graphBaseUrl).toBe('https://graph.microsoft.com');
    expect(config.apiAppIdUri).toBe(`api://localhost:3978/${minimal.AZURE_CLIENT_ID}`);
  });

  it('names every missing variable at once', () => {
    expect(problemsOf({})).toEqual(
      expect.arrayContaining([
        'MONGODB_URI is required',
        'AZURE_TENANT_ID is required',
        'AZURE_CLIENT_ID is required',
        'AZURE_CLIENT_SECRET is required',
      ]),
    );
  });

  it('names the variable that is wrong and why', () => {
    expect(problemsOf({ ...minimal, PORT: 'eighty' })).toEqual(["PORT must be a whole number from 0 to 65535, got 'eighty'"]);
    expect(problemsOf({ ...minimal, GRAPH_BASE_URL: 'http://localhost:1234' })).toEqual([
      "GRAPH_BASE_URL must be an https:// URL, got 'http://localhost:1234'",
    ]);
    expect(problemsOf({ ...minimal, AZURE_TENANT_ID: 'contoso' })).toEqual(["AZURE_TENANT_ID must be a GUID, got 'contoso'"]);
    expect(problemsOf({ ...minimal, BOT_ID: minimal.AZURE_CLIENT_ID })).toEqual(['BOT_PASSWORD is required when BOT_ID is set']);
  });
});

describe('loadConfig: supervisor approval', () => {
  it('derives a stable signing key locally and defaults the rest', () => {
    const first = loadConfig(minimal).approval;
    expect(first).toMatchObject({ originator: '00000000-0000-0000-0000-000000000000', mailSender: null, expiryLeadMs: 3_600_000, workerIntervalMs: 60_000 });
    expect(first.signingKey.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig(minimal).approval.signingKey).toBe(first.signingKey);
    expect(loadConfig({ ...minimal, AZURE_CLIENT_SECRET: 'another' }).approval.signingKey).not.toBe(first.signingKey);
  });

  it('requires the signing key, the originator and the sender mailbox in production, and checks them', () => {
    expect(problemsOf({ ...minimal, NODE_ENV: 'production' })).toEqual([
      'CAMPUS_APPROVAL_SIGNING_KEY is required when NODE_ENV is production',
      'CAMPUS_ACTIONABLE_ORIGINATOR is required when NODE_ENV is production',
      'CAMPUS_MAIL_SENDER is required when NODE_ENV is production',
    ]);
    expect(problemsOf({ ...minimal, CAMPUS_APPROVAL_SIGNING_KEY: 'short', CAMPUS_ACTIONABLE_ORIGINATOR: 'campus' })).toEqual([
      'CAMPUS_APPROVAL_SIGNING_KEY must be at least 32 characters',
      "CAMPUS_ACTIONABLE_ORIGINATOR must be a GUID, got 'campus'",
    ]);
    const production = loadConfig({
      ...minimal,
      NODE_ENV: 'production',
      CAMPUS_APPROVAL_SIGNING_KEY: 'k'.repeat(48),
      CAMPUS_ACTIONABLE_ORIGINATOR: minimal.AZURE_CLIENT_ID,
      CAMPUS_MAIL_SENDER: 'campus@contoso.com',
      CAMPUS_APPROVAL_EXPIRY_LEAD_MINUTES: '120',
    }).approval;
    expect(production).toEqual({ signingKey: 'k'.repeat(48), originator: minimal.AZURE_CLIENT_ID, mailSender: 'campus@contoso.com', expiryLeadMs: 7_200_000, workerIntervalMs: 60_000 });
  });
});
