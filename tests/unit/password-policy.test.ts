import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, isCommonPassword, verifyPassword } from '../../src/lib/server/auth/password';

describe('password policy', () => {
  it('accepts 10 to 256 characters, counted as characters not bytes', () => {
    expect(checkPasswordPolicy('a'.repeat(9))).toBe('too_short');
    expect(checkPasswordPolicy('äöåäöåäöå')).toBe('too_short');
    expect(checkPasswordPolicy('kesäinen järvi')).toBeNull();
    expect(checkPasswordPolicy('x'.repeat(256))).toBeNull();
    expect(checkPasswordPolicy('x'.repeat(257))).toBe('too_long');
  });

  it('refuses common passwords from the bundled list, case-insensitively', () => {
    expect(isCommonPassword('1234567890')).toBe(true);
    expect(isCommonPassword('Salasana123')).toBe(true);
    expect(checkPasswordPolicy('qwertyuiop')).toBe('common');
    expect(checkPasswordPolicy('sininen kettu hyppää 42')).toBeNull();
  });

  it('hashes with argon2id m=19456, t=2, p=1 and verifies', async () => {
    const hash = await hashPassword('sininen kettu hyppää 42');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'sininen kettu hyppää 42')).toBe(true);
    expect(await verifyPassword(hash, 'sininen kettu hyppää 43')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
