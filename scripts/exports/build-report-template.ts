/**
 * npx tsx scripts/exports/build-report-template.ts
 *
 * Writes templates/report.vi.docx, the default Word template of the Board's summary reports ("Báo cáo", numbered
 * "Số …-BC/BTCTU") in the Party's format, with the header, margins and signing block of the decision's template
 * (scripts/papers/party-paper.ts, the WordprocessingML they share). The clerk may edit the result; its placeholders are docxtemplater's ({number},
 * {#sections}{heading}{#lines}{.}{/lines}{/sections}…), filled by domain/exports/summary-paper.ts.
 */
import { p, partyHeader, r, recipientsAndSigningBlock, writePartyPaperTemplate } from '../papers/party-paper';

const body = [
  partyHeader(),
  p(r('BÁO CÁO', { b: true, pt: 15 }), { align: 'center', beforePt: 18 }),
  p(r('{subject}', { b: true, pt: 14 }), { align: 'center' }),
  p(r('-----', { pt: 14 }), { align: 'center', afterPt: 6 }),
  p(r('{#intro}', { pt: 14 })),
  p(r('{.}', { pt: 14 }), { align: 'both', indentCm: 1, afterPt: 3 }),
  p(r('{/intro}', { pt: 14 })),
  p(r('{#sections}', { pt: 14 })),
  p(r('{heading}', { b: true, pt: 14 }), { align: 'both', indentCm: 1, beforePt: 6, afterPt: 3 }),
  p(r('{#lines}', { pt: 14 })),
  p(r('{.}', { pt: 14 }), { align: 'both', indentCm: 1, afterPt: 3 }),
  p(r('{/lines}', { pt: 14 })),
  p(r('{/sections}', { pt: 14 })),
  recipientsAndSigningBlock(),
].join('');

writePartyPaperTemplate('report.vi.docx', body);
