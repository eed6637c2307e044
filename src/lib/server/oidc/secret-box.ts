/**
 * Encryption of provider client secrets at rest: AES-256-GCM with a key kept
 * in the data directory beside the database (`identity-key`, mode 0600,
 * generated once). A stolen database file alone does not reveal the secrets;
 * backups of the database and of the key should be kept apart.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';

/** Path of the key file inside the data directory. */
export function identityKeyPath(dataDir: string): string {
  return path.join(dataDir, 'identity-key');
}

/** Reads the key, generating and storing it when missing. */
export function ensureIdentityKey(dataDir: string): Buffer {
  const file = identityKeyPath(dataDir);
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored) return Buffer.from(stored, 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    throw error;
  }
}

/** Encrypts a secret as `v1.<iv>.<tag>.<ciphertext>` (base64url parts). */
export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/**
 * Decrypts what {@link encryptSecret} wrote.
 * @throws {Error} when the text was altered or the key is another one.
 */
export function decryptSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('not an encrypted secret');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
