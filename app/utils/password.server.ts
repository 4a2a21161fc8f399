import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
// @node-rs/argon2 exports Algorithm as a const enum; 2 is Argon2id.
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// ~49,000 passwords seen most often in breaches (zxcvbn's list), lower-cased.
const commonPasswords = new Set(
  (Array.isArray(dictionary.passwords) ? dictionary.passwords : Object.keys(dictionary.passwords)).map((word: string) =>
    word.toLowerCase(),
  ),
);

/** Why a new password is refused, in words for the form; null when it is fine. */
export function passwordProblem(password: string, context: { email?: string; bankName?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return "This password is on a list of commonly used passwords. Choose another.";
  if (/^(.)\1+$/.test(password)) return "Do not repeat one character.";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "Do not use your email address in the password.";
  return null;
}

export function hashPassword(password: string) {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified when no account matches, so a missing account takes as long to
// refuse as a wrong password (no timing hint that an account exists).
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string) {
  dummyHash ??= hashPassword("aegis-timing-equaliser-not-a-password");
  await verifyPassword(await dummyHash, password);
  return false;
}
