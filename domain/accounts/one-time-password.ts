import { randomInt } from 'node:crypto';

/** No 0/o, 1/l/i: read aloud or copied from a screen by the administrator, it must survive the handing over. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A password an administrator hands over once, to be changed at first login: 16 characters in four groups
 * (`k7mq-…`), about 79 bits, with a letter and a digit so that it looks like what the policy asks of a chosen one.
 */
export function oneTimePassword(): string {
  for (;;) {
    const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
    const text = chars.join('');
    if (/\d/.test(text) && /[a-z]/.test(text)) return text.match(/.{4}/g)!.join('-');
  }
}
