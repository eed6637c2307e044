/**
 * A certificate authority made for one test run with openssl in a temporary
 * directory, and a server certificate for localhost signed by it. The test
 * process trusts the CA through `tls.setDefaultCACertificates`; a server child
 * process through `NODE_EXTRA_CA_CERTS`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { makeTempDir } from './test-db';

export interface TestCa {
  dir: string;
  caFile: string;
  caPem: string;
  key: string;
  cert: string;
  cleanup: () => void;
}

export function createTestCa(): TestCa {
  const dir = makeTempDir('tka-ca-');
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Tyokykyakatemia test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  fs.writeFileSync(path.join(dir, 'ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf');
  return {
    dir,
    caFile: path.join(dir, 'ca.pem'),
    caPem: fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
    key: fs.readFileSync(path.join(dir, 'server.key'), 'utf8'),
    cert: fs.readFileSync(path.join(dir, 'server.pem'), 'utf8'),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Makes this process's TLS clients (fetch included) trust the CA as well as the system's. */
export function trustTestCa(ca: TestCa): () => void {
  const before = tls.getCACertificates('default');
  tls.setDefaultCACertificates([...before, ca.caPem]);
  return () => tls.setDefaultCACertificates(before);
}
