/**
 * The signing block of a Party body's document, as data: who signs, in which capacity, and the lines printed above the
 * name. The head signs in their own title ("TRƯỞNG BAN"); a deputy signs on the head's behalf, "K/T TRƯỞNG BAN" over
 * their own title "PHÓ TRƯỞNG BAN" (Party documents write the slash); a collective body's document is signed "T/M"
 * (on behalf of) the body, over the signer's title ("T/M BAN THƯỜNG VỤ" / "BÍ THƯ").
 */
import { z } from 'zod';

export const SignerCapacitySchema = z.enum(['HEAD', 'DEPUTY', 'COLLECTIVE']);
export type SignerCapacity = z.infer<typeof SignerCapacitySchema>;

export const SigningBlockInputSchema = z.object({
  signerId: z.string(),
  signerName: z.string().min(1),
  capacity: SignerCapacitySchema,
  /** The head's title, upper case as printed: "TRƯỞNG BAN". */
  headTitle: z.string().min(1).default('TRƯỞNG BAN'),
  /** The deputy's own title: "PHÓ TRƯỞNG BAN". */
  deputyTitle: z.string().min(1).default('PHÓ TRƯỞNG BAN'),
  /** For a collective body: its name ("BAN THƯỜNG VỤ") and the signer's title in it ("BÍ THƯ"). */
  body: z.string().min(1).optional(),
  signerTitle: z.string().min(1).optional(),
});
export type SigningBlockInput = z.input<typeof SigningBlockInputSchema>;

export interface SigningBlock {
  signerId: string;
  capacity: SignerCapacity;
  /** The lines printed above the signature, in order (bold, upper case). */
  titleLines: string[];
  /** The signer's name, printed under the signature. */
  signerName: string;
}

/** The official's post as the directory keeps it, to its capacity on a Board's decision. */
export function capacityOfPost(position: string): SignerCapacity | null {
  if (position === 'HEAD_OF_BOARD') return 'HEAD';
  if (position === 'DEPUTY_HEAD') return 'DEPUTY';
  return null;
}

/** The block printed for the signer: refused (an Error naming the field) for a collective body without its name. */
export function signingBlock(input: SigningBlockInput): SigningBlock {
  const data = SigningBlockInputSchema.parse(input);
  const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi');
  const head = upper(data.headTitle);
  let titleLines: string[];
  switch (data.capacity) {
    case 'HEAD':
      titleLines = [head];
      break;
    case 'DEPUTY':
      titleLines = [`K/T ${head}`, upper(data.deputyTitle)];
      break;
    case 'COLLECTIVE':
      if (!data.body || !data.signerTitle)
        throw new Error('a collective body signs with its name (body) and the signer’s title (signerTitle)');
      titleLines = [`T/M ${upper(data.body)}`, upper(data.signerTitle)];
      break;
  }
  return { signerId: data.signerId, capacity: data.capacity, titleLines, signerName: data.signerName.normalize('NFC') };
}
