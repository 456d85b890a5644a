/**
 * npx tsx scripts/papers/build-decision-template.ts
 *
 * Writes templates/decision.vi.docx, the default Word template of a decision in the Party's format (Hướng dẫn
 * 36-HD/VPTW): the WordprocessingML written out by ./party-paper.ts, so the template has no generator of its own to
 * install. The Board's clerk may edit the result in Word or LibreOffice, or a province replace it (PAPERS_TEMPLATE);
 * its placeholders are docxtemplater's ({number}, {#grounds}{.}{/grounds}…), filled by domain/papers/document.ts.
 */
import { p, partyHeader, r, recipientsAndSigningBlock, writePartyPaperTemplate } from './party-paper';

const body = [
  partyHeader(),
  // A draft's mark, above the title; the paragraphs go when the paper is not a draft.
  p(r('{#draft}', { pt: 14 })),
  p(r('DỰ THẢO', { b: true, pt: 14 }), { align: 'center', beforePt: 12 }),
  p(r('{/draft}', { pt: 14 })),
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

writePartyPaperTemplate('decision.vi.docx', body);
