/**
 * The WordprocessingML of a paper in the Party's format (Hướng dẫn 36-HD/VPTW), shared by the scripts that write the
 * default templates (build-decision-template.ts, ../exports/build-report-template.ts): runs, paragraphs, borderless
 * tables, the header (the issuer left, "ĐẢNG CỘNG SẢN VIỆT NAM" right), the recipients and signing block, and the
 * package zipped with fflate at a fixed time so that a rebuilt template is byte for byte the same.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';

export interface RunStyle {
  b?: boolean;
  i?: boolean;
  u?: boolean;
  /** Points. */
  pt?: number;
}
export interface ParagraphStyle {
  align?: 'left' | 'center' | 'right' | 'both';
  /** First-line indent in centimetres. */
  indentCm?: number;
  afterPt?: number;
  beforePt?: number;
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const twips = (cm: number) => Math.round((cm / 2.54) * 1440);

export function r(text: string, style: RunStyle = {}): string {
  const props = [
    style.b ? '<w:b/><w:bCs/>' : '',
    style.i ? '<w:i/><w:iCs/>' : '',
    style.u ? '<w:u w:val="single"/>' : '',
    style.pt ? `<w:sz w:val="${style.pt * 2}"/><w:szCs w:val="${style.pt * 2}"/>` : '',
  ].join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

export function p(runs: string | string[], style: ParagraphStyle = {}): string {
  const props = [
    `<w:spacing w:before="${(style.beforePt ?? 0) * 20}" w:after="${(style.afterPt ?? 0) * 20}"/>`,
    style.indentCm ? `<w:ind w:firstLine="${twips(style.indentCm)}"/>` : '',
    `<w:jc w:val="${style.align ?? 'left'}"/>`,
  ].join('');
  return `<w:p><w:pPr>${props}</w:pPr>${Array.isArray(runs) ? runs.join('') : runs}</w:p>`;
}

/** A table without borders, its cells' widths in centimetres: the two-column header and signing blocks. */
export function table(cells: { widthCm: number; content: string[] }[]): string {
  const grid = cells.map((c) => `<w:gridCol w:w="${twips(c.widthCm)}"/>`).join('');
  const tcs = cells
    .map((c) => `<w:tc><w:tcPr><w:tcW w:w="${twips(c.widthCm)}" w:type="dxa"/></w:tcPr>${c.content.join('')}</w:tc>`)
    .join('');
  const none = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} w:val="nil"/>`).join('');
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/><w:tblBorders>${none}</w:tblBorders>` +
    `<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    `<w:tblGrid>${grid}</w:tblGrid><w:tr>${tcs}</w:tr></w:tbl>`
  );
}

/** The header: the superior body, the issuer, "*" and the number left; the Party's name and the date line right. */
export const partyHeader = (): string =>
  table([
    {
      widthCm: 7.5,
      content: [
        p(r('{superiorBody}', { pt: 14 }), { align: 'center' }),
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

/** "Nơi nhận:" and its list left; the signer's title lines, the space to sign and their name right. */
export const recipientsAndSigningBlock = (): string =>
  table([
    {
      widthCm: 8,
      content: [
        p(r('Nơi nhận:', { u: true, pt: 14 }), { beforePt: 12 }),
        p(r('{#recipients}', { pt: 12 })),
        p(r('- {.}', { pt: 12 })),
        p(r('{/recipients}', { pt: 12 })),
      ],
    },
    {
      widthCm: 8.5,
      content: [
        p(r('{#titleLines}', { pt: 14 })),
        p(r('{.}', { b: true, pt: 14 }), { align: 'center' }),
        p(r('{/titleLines}', { pt: 14 })),
        p(r('', { pt: 14 }), { align: 'center', afterPt: 60 }),
        p(r('{signerName}', { b: true, pt: 14 }), { align: 'center' }),
      ],
    },
  ]);

/** Writes the template `file` (under templates/) of `body`, A4 with the guide's margins. */
export function writePartyPaperTemplate(file: string, body: string): void {
  // A4, margins of the Party's guide: top and bottom 2 cm, left 3 cm, right 1.5 cm.
  const section =
    `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="${twips(2)}" w:right="${twips(1.5)}" ` +
    `w:bottom="${twips(2)}" w:left="${twips(3)}" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>`;

  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
    'word/_rels/document.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '</Relationships>',
    'word/styles.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">` +
      '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/>' +
      '<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>' +
      '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
      '</w:styles>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}${section}</w:body></w:document>`,
  };

  const out = path.resolve(import.meta.dirname, '../../templates', file);
  const zipped = zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, xml]) => [name, [strToU8(xml), { mtime: new Date('2026-01-01T00:00:00Z') }]]),
    ),
  );
  writeFileSync(out, zipped);
  console.log(`wrote ${path.relative(process.cwd(), out)} (${zipped.length} bytes)`);
}
