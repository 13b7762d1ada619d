import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { localDataDir } from './paths.js';

const run = promisify(execFile);

export interface DevCertificates {
  /** PEM file of the local certificate authority; give it to Node as NODE_EXTRA_CA_CERTS before it starts. */
  caCertPath: string;
  /** Server certificate (localhost, 127.0.0.1, ::1) signed by the CA, and its key, both PEM. */
  cert: string;
  key: string;
}

export const defaultDevCaDir = path.join(localDataDir, 'dev-ca');

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes (once) a local CA and a localhost server certificate with openssl.
 * The dev tenant must speak HTTPS: msal-node refuses http:// authorities and the Graph client
 * attaches tokens only to https:// hosts.
 */
export async function ensureDevCertificates(dir: string = defaultDevCaDir): Promise<DevCertificates> {
  const caCertPath = path.join(dir, 'ca.pem');
  const caKeyPath = path.join(dir, 'ca.key');
  const certPath = path.join(dir, 'server.pem');
  const keyPath = path.join(dir, 'server.key');
  if (!(await exists(certPath)) || !(await exists(keyPath)) || !(await exists(caCertPath))) {
    await mkdir(dir, { recursive: true });
    const csrPath = path.join(dir, 'server.csr');
    const extPath = path.join(dir, 'server.ext');
    await run('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '3650',
      '-keyout', caKeyPath, '-out', caCertPath, '-subj', '/CN=Campus dev tenant local CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await run('openssl', [
      'req', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-keyout', keyPath, '-out', csrPath, '-subj', '/CN=localhost',
    ]);
    await writeFile(
      extPath,
      'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
    );
    await run('openssl', [
      'x509', '-req', '-sha256', '-days', '825', '-in', csrPath, '-CA', caCertPath, '-CAkey', caKeyPath,
      '-CAcreateserial', '-out', certPath, '-extfile', extPath,
    ]);
  }
  const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  return { caCertPath, cert, key };
}

/**
 * The file to give Node as NODE_EXTRA_CA_CERTS so it trusts the dev CA. The variable names one file, so when the
 * environment already sets one (a corporate bundle), the answer is a bundle of both.
 */
export async function extraCaCertsWithDevCa(caCertPath: string, inherited = process.env.NODE_EXTRA_CA_CERTS): Promise<string> {
  if (!inherited || path.resolve(inherited) === path.resolve(caCertPath)) return caCertPath;
  const bundlePath = path.join(path.dirname(caCertPath), 'node-extra-ca-bundle.pem');
  const [theirs, ours] = await Promise.all([readFile(inherited, 'utf8').catch(() => ''), readFile(caCertPath, 'utf8')]);
  await writeFile(bundlePath, `${theirs.trimEnd()}\n${ours}`);
  return bundlePath;
}
