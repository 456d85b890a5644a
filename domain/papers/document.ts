/**
 * A written decision as a document: its facts read from the records (the decision, its signer and the officials it
 * appoints), composed into the paper (machines/papers/decision-paper.ts), laid out by the Word template with
 * docxtemplater, and made a PDF by LibreOffice (pdf.ts).
 */
import { readFile } from 'node:fs/promises';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { decisionPaper, type AppointedOfficial, type DecisionFacts } from '../../machines/papers/decision-paper';
import { capacityOfPost, signingBlock } from '../../machines/signing-block';
import type { PrismaClient } from '../../prisma/database';
import { Refusal } from '../refusal';
import type { PapersConfig } from './settings';

export interface DecisionDocumentFacts extends DecisionFacts {
  id: string;
  /** The officials it names: each reads their own decision. */
  officialIds: string[];
  assignmentIds: string[];
}

const POSTS: Record<string, string> = {
  HEAD_OF_BOARD: 'Trưởng Ban',
  DEPUTY_HEAD: 'Phó Trưởng Ban',
  DEPARTMENT_HEAD: 'Trưởng phòng',
  DEPUTY_DEPARTMENT_HEAD: 'Phó Trưởng phòng',
  SPECIALIST: 'chuyên viên',
};

/** "Trưởng phòng Cơ sở đảng", not "Trưởng phòng Phòng Cơ sở đảng": a department head's title names the department. */
export function postOf(position: string, department: string | null): string | null {
  const post = POSTS[position];
  const unit = department && post?.endsWith('phòng') ? department.replace(/^Phòng\s+/u, '') : department;
  return [post, unit].filter(Boolean).join(' ') || null;
}

const official = { select: { id: true, fullName: true, position: true, department: { select: { name: true } } } };

/** The decision's facts, or null when there is no such decision. */
export async function decisionDocumentFacts(
  prisma: PrismaClient,
  decisionId: string,
): Promise<DecisionDocumentFacts | null> {
  const decision = await prisma.decision.findUnique({
    where: { id: decisionId },
    select: {
      id: true,
      number: true,
      issuedOn: true,
      kind: true,
      heldByAssignmentId: true,
      signer: { select: { id: true, fullName: true, position: true, user: { select: { roles: true } } } },
    },
  });
  if (!decision) return null;
  const assignments = await prisma.assignment.findMany({
    where: {
      OR: [{ decisionId }, ...(decision.heldByAssignmentId ? [{ id: decision.heldByAssignmentId }] : [])],
    },
    select: {
      id: true,
      effectiveFrom: true,
      official,
      area: { select: { name: true } },
      group: {
        select: {
          name: true,
          memberships: { where: { isLeader: true }, select: { since: true, until: true, official } },
        },
      },
    },
    orderBy: { effectiveFrom: 'asc' },
  });
  const officials: AppointedOfficial[] = assignments.map((a) => {
    const leader = a.group?.memberships.find(
      (m) => m.since <= a.effectiveFrom && (m.until === null || m.until > a.effectiveFrom),
    );
    return {
      fullName: a.official.fullName,
      post: postOf(a.official.position, a.official.department?.name ?? null),
      areaName: a.area.name,
      groupName: a.group?.name ?? null,
      groupLeaderName: leader?.official.fullName ?? null,
      effectiveFrom: a.effectiveFrom.toISOString().slice(0, 10),
    };
  });
  const roles = decision.signer.user?.roles.map((r) => r.role) ?? [];
  const capacity = capacityOfPost(decision.signer.position) ?? (roles.includes('HEAD_OF_BOARD') ? 'HEAD' : 'DEPUTY');
  return {
    id: decision.id,
    number: decision.number,
    issuedOn: decision.issuedOn.toISOString().slice(0, 10),
    kind: decision.kind,
    officials,
    signing: signingBlock({ signerId: decision.signer.id, signerName: decision.signer.fullName, capacity }),
    officialIds: assignments.map((a) => a.official.id),
    assignmentIds: assignments.map((a) => a.id),
  };
}

/** A Word template filled with `data` by docxtemplater; a template that does not fill names its fault (422). */
export async function fillTemplate(templatePath: string, data: object): Promise<Buffer> {
  const template = await readFile(templatePath);
  try {
    const doc = new Docxtemplater(new PizZip(template), {
      paragraphLoop: true,
      linebreaks: true,
      nullGetter: () => '',
    });
    doc.render(data);
    return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
  } catch (error) {
    throw new Refusal(
      422,
      'TEMPLATE_INVALID',
      `The decision template ${templatePath} cannot be filled: ${(error as Error).message}`,
      { rule: 'TEMPLATE_INVALID' },
    );
  }
}

/** The decision's .docx from the configured template; a template that does not fill names its fault (422). */
export async function decisionDocx(facts: DecisionFacts, config: PapersConfig): Promise<Buffer> {
  return fillTemplate(config.templatePath, decisionPaper(facts, config.paper));
}
