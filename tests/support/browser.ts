import { createHash, X509Certificate } from 'node:crypto';
import { access } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from '../../infra/local/local-tools.js';

/** Base64 SHA-256 of a certificate's SubjectPublicKeyInfo: the form Chromium's SPKI allow-list takes. */
export function spkiSha256(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/**
 * Starts Debian's headless Chromium. It does not read NODE_EXTRA_CA_CERTS, so the dev tenant's certificate is
 * trusted by its public key alone (`trustedCertificates`): any other certificate error still fails the page.
 */
export async function launchChromium(options: { trustedCertificates?: string[] } = {}): Promise<Browser> {
  try {
    await access(CHROMIUM_PATH);
  } catch {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: run \`npx tsx infra/local/local-tools.ts\` (or apt-get install chromium)`);
  }
  const spkiList = (options.trustedCertificates ?? []).map(spkiSha256);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(spkiList.length > 0 ? [`--ignore-certificate-errors-spki-list=${spkiList.join(',')}`] : []),
    ],
  });
}
