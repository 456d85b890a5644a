/**
 * The Standing Committee's decision on who monitors a commune or ward (seed 001, Quy định 26) as the paper the
 * Party committee issues, in the same format as the Board's (decision-paper.ts): the committee's name top left
 * ("TỈNH ỦY NGHỆ AN", no superior body above it), "Số 5-QĐ/TU", the date line, the grounds (the programme's legal
 * basis and the proposal), the articles, the signing block "T/M BAN THƯỜNG VỤ" and "Nơi nhận". Pure: the template
 * (templates/commune-decision.vi.docx) lays it out.
 *
 * A reassignment names the link it ends and its ground without confidential detail: the commune committee's request
 * for another monitor is written as the regulation's ground, never as the committee's request, because the leaders the
 * paper names may not read the committee's comment form (machines/commune-comment.ts); the proposal's reason (free
 * text) is never printed.
 */
import type { SigningBlock } from '../signing-block';
import { dateLine, dayInText } from './decision-paper';

export interface CommuneDecisionPaperSettings {
  /** The place in the date line: "Nghệ An". */
  place: string;
  /** The Party committee whose Standing Committee decides, top left in bold: "TỈNH ỦY NGHỆ AN". */
  committee: string;
  /** The authority above the grounds: "BAN THƯỜNG VỤ TỈNH ỦY". */
  authority: string;
  /** The grounds printed before the programme's legal basis ("Căn cứ Điều lệ Đảng;" …). */
  grounds: string[];
  /** Who prepared the proposal, in "Xét đề nghị của …": "Ban Tổ chức Tỉnh ủy". */
  proposer: string;
  /** The recipients after "Như Điều n,", the last being the archive. */
  recipients: string[];
}

export interface LeaderInPaper {
  fullName: string;
  /** The post as the agency names it: "Phó Giám đốc Sở". */
  title: string;
  agencyName: string;
}

export type CommuneDecisionGround = 'COMMUNE_REQUEST' | 'OTHER';

export interface CommuneDecisionFacts {
  number: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
  kind: 'APPOINTMENT' | 'REASSIGNMENT';
  /** The programme's legal basis as recorded: "Quy định số 26-QĐ/TU ngày 14/12/2022 …". */
  legalBasis: string;
  /** The day the Board's staff proposed it (YYYY-MM-DD). */
  proposedOn: string;
  communeName: string;
  /** The leader who monitors the commune from `from`. */
  leader: LeaderInPaper;
  /** The first day of the link the decision makes (YYYY-MM-DD). */
  from: string;
  /** The link a reassignment ends: its leader, its first day and the decision that made it, when on record. */
  ends: { leader: LeaderInPaper; from: string; decisionNumber: string | null } | null;
  ground: CommuneDecisionGround | null;
  signing: SigningBlock;
}

/** What the template's placeholders take. */
export interface CommuneDecisionPaper {
  issuerName: string;
  number: string;
  dateLine: string;
  subject: string;
  authority: string;
  grounds: string[];
  articles: { n: number; text: string }[];
  recipients: string[];
  titleLines: string[];
  signerName: string;
}

/** "Xã Kim Liên" inside a sentence: "xã Kim Liên" (the unit's kind in lower case, its name as recorded). */
export function communeInText(name: string): string {
  return name.replace(/^(Xã|Phường|Thị trấn|Đặc khu)(?=\s)/u, (kind) => kind.toLocaleLowerCase('vi'));
}

/**
 * "Phó Giám đốc Sở" of "Sở Tài chính": "Phó Giám đốc Sở Tài chính"; "Phó Trưởng ban" of "Ban Tuyên giáo và Dân vận
 * Tỉnh ủy": "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy" (the title's last word is the agency's first).
 */
export function postInAgency(title: string, agencyName: string): string {
  const words = title.trim().split(/\s+/u);
  const last = words.at(-1)?.toLocaleLowerCase('vi');
  const first = agencyName.trim().split(/\s+/u)[0]?.toLocaleLowerCase('vi');
  const head = last && last === first ? words.slice(0, -1).join(' ') : title.trim();
  return [head, agencyName.trim()].filter(Boolean).join(' ');
}

const who = (l: LeaderInPaper) => `đồng chí ${l.fullName}, ${postInAgency(l.title, l.agencyName)}`;

function articlesOf(facts: CommuneDecisionFacts, commune: string): string[] {
  const duties = `Đồng chí ${facts.leader.fullName} có trách nhiệm xây dựng chương trình theo dõi hằng năm, báo cáo định kỳ và hằng năm kết quả theo dõi ${commune} đúng thời hạn theo Quy định; kết quả theo dõi là một căn cứ đánh giá, xếp loại cán bộ hằng năm.`;
  const effect = (names: string) =>
    `Quyết định có hiệu lực kể từ ngày ký. Văn phòng Tỉnh ủy, Ban Tổ chức Tỉnh ủy, ${names}, Đảng ủy ${commune} và ${facts.ends ? 'các đồng chí có tên tại Điều 1, Điều 2' : 'đồng chí có tên tại Điều 1'} căn cứ Quyết định thi hành.`;
  if (facts.kind === 'APPOINTMENT' || !facts.ends)
    return [
      `Phân công ${who(facts.leader)}, theo dõi ${commune}, kể từ ngày ${dayInText(facts.from)}.`,
      duties,
      effect(facts.leader.agencyName),
    ];
  const ends = facts.ends;
  const since = `theo dõi từ ngày ${dayInText(ends.from)}`;
  const made = ends.decisionNumber ? `phân công tại Quyết định số ${ends.decisionNumber}, ${since}` : since;
  const ground =
    facts.ground === 'COMMUNE_REQUEST' ? 'theo căn cứ quy định tại Quy định nêu trên' : 'theo yêu cầu nhiệm vụ';
  const agencies = [...new Set([ends.leader.agencyName, facts.leader.agencyName])].join(', ');
  return [
    `Thôi phân công ${who(ends.leader)}, theo dõi ${commune} (${made}) kể từ ngày ${dayInText(facts.from)}, ${ground}.`,
    `Phân công ${who(facts.leader)}, theo dõi ${commune} thay đồng chí ${ends.leader.fullName}, kể từ ngày ${dayInText(facts.from)}; đồng chí ${ends.leader.fullName} bàn giao kết quả theo dõi cho đồng chí ${facts.leader.fullName}.`,
    duties,
    effect(agencies),
  ];
}

export function communeDecisionPaper(
  facts: CommuneDecisionFacts,
  settings: CommuneDecisionPaperSettings,
): CommuneDecisionPaper {
  const commune = communeInText(facts.communeName);
  const articles = articlesOf(facts, commune);
  const subject =
    facts.kind === 'APPOINTMENT'
      ? `về việc phân công đồng chí ${facts.leader.fullName} theo dõi ${commune}`
      : `về việc điều chỉnh phân công cán bộ theo dõi ${commune}`;
  const legalBasis = facts.legalBasis.trim().replace(/[.;,]+$/u, '');
  return {
    issuerName: settings.committee,
    number: facts.number,
    dateLine: dateLine(settings.place, facts.issuedOn),
    subject,
    authority: settings.authority,
    grounds: [
      ...settings.grounds,
      `Căn cứ ${legalBasis};`,
      `Xét đề nghị của ${settings.proposer} ngày ${dayInText(facts.proposedOn)},`,
    ],
    articles: articles.map((text, i) => ({ n: i + 1, text })),
    recipients: [`Như Điều ${articles.length},`, ...settings.recipients],
    titleLines: facts.signing.titleLines,
    signerName: facts.signing.signerName,
  };
}
