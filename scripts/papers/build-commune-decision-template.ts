/**
 * npx tsx scripts/papers/build-commune-decision-template.ts
 *
 * Writes templates/commune-decision.vi.docx, the default Word template of the Standing Committee's decision on who
 * monitors a commune, in the Party's format as the Board's decision (build-decision-template.ts) but headed by the
 * Party committee alone ("TỈNH ỦY NGHỆ AN", bold, then "*"; no superior body above it). A province may replace it
 * (PAPERS_SC_TEMPLATE); its placeholders are filled by domain/papers/commune-decision.ts.
 */
import { p, r, recipientsAndSigningBlock, table, writePartyPaperTemplate } from './party-paper';

const header = table([
  {
    widthCm: 7.5,
    content: [
      p(r('{issuerName}', { b: true, pt: 14 }), { align: 'center' }),
      p(r('*', { pt: 14 }), { align: 'center' }),
      p(r('Số {number}', { pt: 14 }), { align: 'center' }),
    ],
  },
  {
    widthCm: 9,
    content: [
      p(r('ĐẢNG CỘNG SẢN VIỆT NAM', { b: true, u: true, pt: 15 }), { align: 'right' }),
      p(r('', { pt: 14 }), { align: 'right' }),
      p(r('{dateLine}', { i: true, pt: 14 }), { align: 'right' }),
    ],
  },
]);

const body = [
  header,
  p(r('QUYẾT ĐỊNH', { b: true, pt: 15 }), { align: 'center', beforePt: 18 }),
  p(r('{subject}', { b: true, pt: 14 }), { align: 'center' }),
  p(r('-----', { pt: 14 }), { align: 'center', afterPt: 6 }),
  p(r('{authority}', { b: true, pt: 14 }), { align: 'center', afterPt: 6 }),
  p(r('{#grounds}', { pt: 14 })),
  p(r('- {.}', { pt: 14 }), { align: 'both', indentCm: 1, afterPt: 3 }),
  p(r('{/grounds}', { pt: 14 })),
  p(r('QUYẾT ĐỊNH', { b: true, pt: 14 }), { align: 'center', beforePt: 6, afterPt: 6 }),
  p(r('{#articles}', { pt: 14 })),
  p([r('Điều {n}. ', { b: true, pt: 14 }), r('{text}', { pt: 14 })], { align: 'both', indentCm: 1, afterPt: 3 }),
  p(r('{/articles}', { pt: 14 })),
  recipientsAndSigningBlock(),
].join('');

writePartyPaperTemplate('commune-decision.vi.docx', body);
