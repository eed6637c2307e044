import { describe, expect, it } from 'vitest';
import { bytesEqual, createSplitToken, generateRandomString, hashSecret, parseSplitToken, stringsEqual, verifySecret } from '../../src/lib/server/auth/tokens';

describe('split tokens (Lucia guide)', () => {
  it('carry at least 160 random bits in the secret and an id', () => {
    const t = createSplitToken();
    expect(t.token).toBe(`${t.id}.${t.secret}`);
    // base32: 5 bits per character.
    expect(t.secret.length * 5).toBeGreaterThanOrEqual(160);
    expect(t.id.length * 5).toBeGreaterThanOrEqual(120);
    expect(t.secretHash).toEqual(hashSecret(t.secret));
  });

  it('are different every time', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => createSplitToken().token));
    expect(seen.size).toBe(1000);
  });

  it('parse only well-formed tokens', () => {
    const t = createSplitToken();
    expect(parseSplitToken(t.token)).toEqual({ id: t.id, secret: t.secret });
    for (const bad of ['', 'abc', `${t.id}`, `${t.id}.`, `.${t.secret}`, `${t.id}.${t.secret}x`, `${t.id.toUpperCase()}.${t.secret}`, `${t.id}.${t.secret}.x`, `${t.id} ${t.secret}`]) {
      expect(parseSplitToken(bad), bad).toBeNull();
    }
    expect(parseSplitToken(undefined)).toBeNull();
  });

  it('verify the secret against the stored hash only', () => {
    const t = createSplitToken();
    expect(verifySecret(t.secret, t.secretHash)).toBe(true);
    const other = createSplitToken();
    expect(verifySecret(other.secret, t.secretHash)).toBe(false);
  });
});

describe('constant-time comparison', () => {
  it('says equal inputs are equal', () => {
    expect(bytesEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(stringsEqual('abc', 'abc')).toBe(true);
  });

  it('says different inputs of equal length are unequal', () => {
    expect(bytesEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(bytesEqual(new Uint8Array([0, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(stringsEqual('abcd', 'abce')).toBe(false);
    const a = hashSecret('one');
    const b = hashSecret('two');
    expect(a.length).toBe(b.length);
    expect(bytesEqual(a, b)).toBe(false);
  });

  it('says inputs of different length are unequal', () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(stringsEqual('abc', 'abcd')).toBe(false);
  });

  it('generates random strings of the requested strength', () => {
    expect(generateRandomString(20)).toMatch(/^[a-z2-7]{32}$/);
    expect(generateRandomString(20)).not.toBe(generateRandomString(20));
  });
});
