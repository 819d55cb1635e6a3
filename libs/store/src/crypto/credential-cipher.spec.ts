import { randomBytes } from 'node:crypto';
import { CredentialCipher, keyIdOf, parseEncryptionKeys } from './credential-cipher';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('CredentialCipher', () => {
  it('round-trips and writes the documented v1 format with the active key id', () => {
    const cipher = new CredentialCipher({ k1 }, 'k1');
    const blob = cipher.encrypt('s3cret', 'row-1');
    expect(blob).toMatch(/^v1:k1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(blob).not.toContain('s3cret');
    expect(cipher.decrypt(blob, 'row-1')).toBe('s3cret');
    // A fresh IV each time: equal plaintexts do not give equal blobs.
    expect(cipher.encrypt('s3cret', 'row-1')).not.toBe(blob);
  });

  it('rejects tampered data, a wrong context and unknown keys', () => {
    const cipher = new CredentialCipher({ k1 }, 'k1');
    const blob = cipher.encrypt('s3cret', 'row-1');
    expect(() => cipher.decrypt(blob, 'row-2')).toThrow(/cannot decrypt/);
    const parts = blob.split(':');
    const data = Buffer.from(parts[4], 'base64');
    data[0] ^= 1;
    parts[4] = data.toString('base64');
    expect(() => cipher.decrypt(parts.join(':'), 'row-1')).toThrow(/cannot decrypt/);
    expect(() => new CredentialCipher({ k2 }, 'k2').decrypt(blob, 'row-1')).toThrow(/"k1" is not loaded/);
    expect(() => cipher.decrypt('plain text', 'row-1')).toThrow(/not a v1/);
    expect(() => cipher.decrypt('v1:k1:AAAA:AAAA:AAAA', 'row-1')).toThrow(/malformed/);
  });

  it('rotates: decrypts with the blob key, re-encrypts with the active one', () => {
    const old = new CredentialCipher({ k1 }, 'k1').encrypt('value', 'ctx');
    const both = new CredentialCipher({ k1, k2 }, 'k2');
    expect(both.needsRotation(old)).toBe(true);
    const rotated = both.rotate(old, 'ctx');
    expect(keyIdOf(rotated)).toBe('k2');
    expect(both.rotate(rotated, 'ctx')).toBe(rotated);
    expect(new CredentialCipher({ k2 }, 'k2').decrypt(rotated, 'ctx')).toBe('value');
  });

  it('validates keys on construction', () => {
    expect(() => new CredentialCipher({ k1: randomBytes(16) }, 'k1')).toThrow(/32 bytes, got 16/);
    expect(() => new CredentialCipher({ k1 }, 'k9')).toThrow(/"k9" is not among/);
    expect(() => new CredentialCipher({ 'a:b': k1 }, 'a:b')).toThrow(/must match/);
  });
});

describe('parseEncryptionKeys', () => {
  const b64 = (b: Buffer) => b.toString('base64');

  it('parses several keys; the first is active', () => {
    const parsed = parseEncryptionKeys(` k2:${b64(k2)} , k1:${b64(k1)}`);
    expect(parsed.activeKeyId).toBe('k2');
    expect(Object.keys(parsed.keys)).toEqual(['k2', 'k1']);
    expect(parsed.keys.k1.equals(k1)).toBe(true);
    const cipher = CredentialCipher.fromEnv(`k2:${b64(k2)},k1:${b64(k1)}`);
    expect(cipher.activeKeyId).toBe('k2');
    expect(CredentialCipher.fromEnv(`k2:${b64(k2)},k1:${b64(k1)}`, 'k1').activeKeyId).toBe('k1');
  });

  it.each([
    [undefined, /empty/],
    ['  ', /empty/],
    [',', /empty/],
    [`${b64(k1)}`, /key id|base64/],
    [`:${b64(k1)}`, /no key id/],
    ['k1:not base64!', /not base64/],
    [`k1:${b64(randomBytes(31))}`, /32 bytes, got 31/],
    [`k1:${b64(k1)},k1:${b64(k2)}`, /listed twice/],
    [`bad id:${b64(k1)}`, /must match/],
  ])('rejects %p with a clear message', (value, message) => {
    expect(() => parseEncryptionKeys(value)).toThrow(message);
  });

  it('never echoes key material in errors', () => {
    const material = b64(randomBytes(31));
    expect(() => parseEncryptionKeys(`k1:${material}`)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(material) }),
    );
  });
});
