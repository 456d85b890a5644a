/**
 * The papers' settings, per province: the Word template (PAPERS_TEMPLATE, a .docx path; the repository's
 * templates/decision.vi.docx by default), the words of the header and the recipients, and LibreOffice (SOFFICE_PATH,
 * else `soffice` on PATH). Read from the environment once, checked with zod: a bad value names itself.
 */
import path from 'node:path';
import { z } from 'zod';
import type { PaperSettings } from '../../machines/papers/decision-paper';

export const DEFAULT_DECISION_TEMPLATE = path.resolve(import.meta.dirname, '../../templates/decision.vi.docx');

/** A setting of lines separated by "|", each trimmed, empty ones left out; unset, `fallback`. */
export const lines = (fallback: string[]) =>
  z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split('|')
            .map((line) => line.trim())
            .filter(Boolean)
        : fallback,
    );

const SettingsSchema = z.object({
  PAPERS_TEMPLATE: z.string().min(1).optional(),
  PAPERS_PLACE: z.string().min(1).default('Nghệ An'),
  PAPERS_SUPERIOR_BODY: z.string().min(1).default('TỈNH ỦY NGHỆ AN'),
  PAPERS_ISSUER: z.string().min(1).default('BAN TỔ CHỨC'),
  PAPERS_AUTHORITY: z.string().min(1).default('TRƯỞNG BAN TỔ CHỨC TỈNH ỦY'),
  /** Lines separated by "|". */
  PAPERS_GROUNDS: lines([
    'Căn cứ Quy định của Ban Chấp hành Trung ương về chức năng, nhiệm vụ, quyền hạn, tổ chức bộ máy của cơ quan tham mưu, giúp việc tỉnh ủy;',
    'Căn cứ Quy chế làm việc của Ban Tổ chức Tỉnh ủy;',
    'Căn cứ Quy chế phân công công chức theo dõi địa bàn của Ban Tổ chức Tỉnh ủy;',
    'Xét đề nghị của lãnh đạo phòng có liên quan,',
  ]),
  PAPERS_RECIPIENTS: lines(['Như Điều 3,', 'Thường trực Tỉnh ủy (để báo cáo),', 'Lãnh đạo Ban,', 'Lưu VT.']),
  SOFFICE_PATH: z.string().min(1).optional(),
});

export interface PapersConfig {
  templatePath: string;
  paper: PaperSettings;
  sofficePath: string | undefined;
}

export function papersConfig(env: NodeJS.ProcessEnv = process.env): PapersConfig {
  const e = SettingsSchema.parse(env);
  return {
    templatePath: e.PAPERS_TEMPLATE ? path.resolve(e.PAPERS_TEMPLATE) : DEFAULT_DECISION_TEMPLATE,
    paper: {
      place: e.PAPERS_PLACE,
      superiorBody: e.PAPERS_SUPERIOR_BODY,
      issuerName: e.PAPERS_ISSUER,
      authority: e.PAPERS_AUTHORITY,
      grounds: e.PAPERS_GROUNDS,
      recipients: e.PAPERS_RECIPIENTS,
    },
    sofficePath: e.SOFFICE_PATH,
  };
}
