/**
 * The settings of the Standing Committee's decisions as papers, per province: their Word template
 * (PAPERS_SC_TEMPLATE; the repository's templates/commune-decision.vi.docx by default), the signer's title under
 * "T/M BAN THƯỜNG VỤ" (PAPERS_SC_SIGNER_TITLE: the records keep no Standing Committee member's post), the grounds
 * before the programme's legal basis, who proposed and the recipients. The committee's name is the Board's superior
 * body (PAPERS_SUPERIOR_BODY) and the place the Board's (PAPERS_PLACE), as in papersConfig. Checked with zod.
 */
import path from 'node:path';
import { z } from 'zod';
import type { CommuneDecisionPaperSettings } from '../../machines/papers/commune-decision-paper';
import { lines, papersConfig } from './settings';

export const DEFAULT_COMMUNE_DECISION_TEMPLATE = path.resolve(
  import.meta.dirname,
  '../../templates/commune-decision.vi.docx',
);

const SettingsSchema = z.object({
  PAPERS_SC_TEMPLATE: z.string().min(1).optional(),
  PAPERS_SC_AUTHORITY: z.string().min(1).default('BAN THƯỜNG VỤ TỈNH ỦY'),
  PAPERS_SC_BODY: z.string().min(1).default('BAN THƯỜNG VỤ'),
  PAPERS_SC_SIGNER_TITLE: z.string().min(1).default('PHÓ BÍ THƯ'),
  PAPERS_SC_PROPOSER: z.string().min(1).default('Ban Tổ chức Tỉnh ủy'),
  /** Lines separated by "|". */
  PAPERS_SC_GROUNDS: lines([
    'Căn cứ Điều lệ Đảng;',
    'Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ Tỉnh ủy, Thường trực Tỉnh ủy;',
  ]),
  PAPERS_SC_RECIPIENTS: lines(['Thường trực Tỉnh ủy,', 'Ban Tổ chức Tỉnh ủy,', 'Lưu Văn phòng Tỉnh ủy.']),
});

export interface CommuneDecisionPapersConfig {
  templatePath: string;
  paper: CommuneDecisionPaperSettings;
  /** The collective body the member signs for ("BAN THƯỜNG VỤ") and the title printed under it. */
  body: string;
  signerTitle: string;
  sofficePath: string | undefined;
}

export function communeDecisionPapersConfig(env: NodeJS.ProcessEnv = process.env): CommuneDecisionPapersConfig {
  const board = papersConfig(env);
  const e = SettingsSchema.parse(env);
  return {
    templatePath: e.PAPERS_SC_TEMPLATE ? path.resolve(e.PAPERS_SC_TEMPLATE) : DEFAULT_COMMUNE_DECISION_TEMPLATE,
    paper: {
      place: board.paper.place,
      committee: board.paper.superiorBody,
      authority: e.PAPERS_SC_AUTHORITY,
      grounds: e.PAPERS_SC_GROUNDS,
      proposer: e.PAPERS_SC_PROPOSER,
      recipients: e.PAPERS_SC_RECIPIENTS,
    },
    body: e.PAPERS_SC_BODY,
    signerTitle: e.PAPERS_SC_SIGNER_TITLE,
    sofficePath: board.sofficePath,
  };
}
