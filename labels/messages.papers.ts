/**
 * The texts of the decision's documents (the draft before approval, the decision as issued), in Vietnamese and
 * English; spread into labels/messages.vi.ts and messages.en.ts, so that they are MessageKeys like every other text.
 */
export const paperMessagesVi = {
  'papers.draft': 'Dự thảo quyết định',
  'papers.final': 'Quyết định',
  'papers.finalNumbered': 'Quyết định số {number}',
  'papers.pdf': 'Tải PDF',
  'papers.docx': 'Tải Word (.docx)',
  'papers.notYet': 'Quyết định đang được vào sổ; thử lại sau giây lát.',
};

export const paperMessagesEn: Record<keyof typeof paperMessagesVi, string> = {
  'papers.draft': 'Draft decision',
  'papers.final': 'Decision',
  'papers.finalNumbered': 'Decision No. {number}',
  'papers.pdf': 'Download PDF',
  'papers.docx': 'Download Word (.docx)',
  'papers.notYet': 'The decision is being entered in the register; try again in a moment.',
};
