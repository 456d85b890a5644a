/**
 * The Standing Committee's decision on who monitors a commune as a paper, through the HTTP API on a fresh seeded
 * database with the demonstration's map and second programme: an appointment and a reassignment decided by Standing
 * Committee members, their .docx filled from the repository's template (read back with pizzip) and the PDF LibreOffice
 * makes of it (read back by poppler's pdftotext): the committee's heading, "Số 5-QĐ/TU", the date line, the grounds
 * (the programme's legal basis, the proposal), the articles naming the leader, the agency and the commune, the link a
 * reassignment ends without the confidential ground or reason, "T/M BAN THƯỜNG VỤ" over the signing member, "Nơi
 * nhận". Read by the proposals' readers, the leaders named, their agencies' heads and the commune's committee, each
 * read audited; 403 for anyone else, 404 for no decision. Needs LibreOffice and poppler-utils (installed by the set-up
 * for the tests).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommuneProposal } from '../../contracts/commune-decisions';
import { sha256Of } from '../../domain/papers/issued';
import { addDays, dayOf } from '../../machines/calendar';
import { communeInText } from '../../machines/papers/commune-decision-paper';
import { dateLine } from '../../machines/papers/decision-paper';
import { seedDemoMap, unitId } from '../../prisma/demo/map-2025';
import { PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
import { SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

const run = promisify(execFile);

let suite: ApiSuite | undefined;
const s = () => suite!;
let dir = '';
const STAFF = U.departmentHead;
/** Phạm Thị Thu Trang, Phó Giám đốc Sở Tài chính; the head of Sở Tài chính is stc.gd. */
const PGD1 = 'agency-na-stc-stc.pgd1';
/** Hồ Đức Lương, Phó Giám đốc Sở Nông nghiệp và Môi trường; its head is snnmt.gd. */
const SNNMT_PGD2 = 'agency-na-snnmt-snnmt.pgd2';
/** Phạm Thị Thu Trang's commune in the demonstration, whose committee's account is duhoangmai. */
const HOANG_MAI_LINK = 'agency-na-stc-stc.pgd1-17110';
const REASON = 'Lý do riêng của đề xuất, không in trên quyết định';

const today = () => dayOf(Date.now());
let appointment = { id: '', number: '' };
let reassignment = { id: '', number: '' };
let appointedCommune = '';
let reassignedCommune = '';

beforeAll(async () => {
  suite = await startApiSuite();
  dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-sc-papers-'));
  const prisma = s().h.db.prisma;
  await seedDemoMap(prisma);
  expect(await seedProgramme26(prisma)).toMatchObject({ agencies: 3 });
  const { api } = s();

  const decide = async (proposal: CommuneProposal, member: string, number: string) => {
    const decided = await api.call('POST', `/commune-proposals/${proposal.id}/decision`, member, {
      outcome: 'APPROVE',
      decision: { number, issuedOn: today() },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    return { id: decided.json<CommuneProposal>().decision!.id, number };
  };

  const proposed = await api.call('POST', '/commune-proposals', STAFF, {
    programmeId: PROGRAMME_26_ID,
    areaId: unitId('16690'),
    memberId: PGD1,
    reason: REASON,
  });
  expect(proposed.statusCode, proposed.body).toBe(201);
  appointment = await decide(proposed.json<CommuneProposal>(), 'btv.01', '5-QĐ/TU');
  appointedCommune = (await prisma.area.findUniqueOrThrow({ where: { id: unitId('16690') } })).name;

  // The commune committee's year-end comment asking for another monitor: the reassignment's ground.
  await prisma.communeComment.create({
    data: {
      id: 'comment-papers-asking',
      linkId: HOANG_MAI_LINK,
      year: Number(today().slice(0, 4)),
      programmeId: PROGRAMME_26_ID,
      areaId: unitId('17110'),
      memberId: PGD1,
      policyVersion: 'QĐ26-2022.1',
      state: 'RECEIVED',
      requestedAt: new Date(),
      dueAt: new Date(),
      receivedAt: new Date(),
      level: 'COMPLETED',
      requestsAnotherMonitor: true,
      anotherMonitorReason: 'Đề nghị thay cán bộ theo dõi',
    },
  });
  const reassigned = await api.call('POST', `/commune-links/${HOANG_MAI_LINK}/reassignment`, STAFF, {
    memberId: SNNMT_PGD2,
    ground: 'COMMUNE_REQUEST',
    groundCommentId: 'comment-papers-asking',
    reason: REASON,
    from: addDays(today(), 1),
  });
  expect(reassigned.statusCode, reassigned.body).toBe(201);
  reassignment = await decide(reassigned.json<CommuneProposal>(), 'btv.02', '6-QĐ/TU');
  reassignedCommune = (await prisma.area.findUniqueOrThrow({ where: { id: unitId('17110') } })).name;
}, 120_000);

afterAll(async () => {
  await suite?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A download as bytes (the API client reads answers as text). */
async function download(url: string, username: string) {
  const token = await s().api.tokenOf(username);
  return s().app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}

/** The text of a document's XML, its tags removed. */
function docxText(body: Buffer): string {
  const xml = new PizZip(body).file('word/document.xml')!.asText();
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

const reads = (id: string) =>
  s().h.db.prisma.auditEvent.count({
    where: { action: 'CONFIDENTIAL_READ', entityType: 'StandingCommitteeDecision', entityId: id },
  });

describe("the Standing Committee's decision as a document", () => {
  it('answers the .docx of an appointment naming its number, the leader, the agency, the commune and the signer', async () => {
    const response = await download(`/commune-decisions/${appointment.id}/document.docx`, 'btv.02');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml.document');
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.headers['x-content-sha256']).toBe(sha256Of(response.rawPayload));
    const text = docxText(response.rawPayload);
    expect(text).toContain('TỈNH ỦY NGHỆ AN');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain(`Số ${appointment.number}`);
    expect(text).not.toContain('Số:');
    expect(text).toContain(dateLine('Nghệ An', today()));
    expect(text).toContain(`về việc phân công đồng chí Phạm Thị Thu Trang theo dõi ${communeInText(appointedCommune)}`);
    expect(text).toContain('BAN THƯỜNG VỤ TỈNH ỦY');
    expect(text).toContain('- Căn cứ Quy định số 26-QĐ/TU ngày 14/12/2022');
    expect(text).toContain('Xét đề nghị của Ban Tổ chức Tỉnh ủy');
    expect(text).toContain(
      `Điều 1. Phân công đồng chí Phạm Thị Thu Trang, Phó Giám đốc Sở Tài chính, theo dõi ${communeInText(appointedCommune)}`,
    );
    expect(text).toContain('T/M BAN THƯỜNG VỤ');
    expect(text).toContain('Nguyễn Đình Quân');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('- Lưu Văn phòng Tỉnh ủy.');
    expect(text).not.toContain(REASON);
    expect(text).not.toMatch(/\{[#/]?[a-zA-Z.]+\}/);

    // Issued once: a second download is the same bytes, its hash in the audit row of the issue.
    const again = await download(`/commune-decisions/${appointment.id}/document?format=docx`, 'btv.01');
    expect(again.statusCode, again.body).toBe(200);
    expect(sha256Of(again.rawPayload)).toBe(sha256Of(response.rawPayload));
    const issued = await s().h.db.prisma.auditEvent.findMany({
      where: { action: 'DECISION_DOCUMENT_ISSUED', entityType: 'StandingCommitteeDecision', entityId: appointment.id },
    });
    expect(issued.map((row) => row.payload)).toEqual([
      expect.objectContaining({ format: 'docx', sha256: sha256Of(response.rawPayload) }),
    ]);
  });

  it('answers the PDF whose text names the number, the leader, the commune and the signing member', async () => {
    const response = await download(`/commune-decisions/${appointment.id}/document.pdf`, U.auditor);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(dir, 'sc-decision.pdf');
    await writeFile(file, response.rawPayload);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain('TỈNH ỦY NGHỆ AN');
    expect(text).toContain(`Số ${appointment.number}`);
    expect(text).toContain(dateLine('Nghệ An', today()));
    expect(text).toContain('Phạm Thị Thu Trang');
    expect(text).toContain(communeInText(appointedCommune));
    expect(text).toContain('T/M BAN THƯỜNG VỤ');
    expect(text).toContain('Nguyễn Đình Quân');
    expect(text).toContain('Nơi nhận:');
    const again = await download(`/commune-decisions/${appointment.id}/document?format=pdf`, U.auditor);
    expect(sha256Of(again.rawPayload)).toBe(sha256Of(response.rawPayload));
  }, 120_000);

  it("names the link a reassignment ends and both leaders, and not the commune committee's request nor the reason", async () => {
    const response = await download(`/commune-decisions/${reassignment.id}/document.docx`, 'duhoangmai');
    expect(response.statusCode, response.body).toBe(200);
    const text = docxText(response.rawPayload);
    const commune = communeInText(reassignedCommune);
    expect(text).toContain(`Số ${reassignment.number}`);
    expect(text).toContain(`về việc điều chỉnh phân công cán bộ theo dõi ${commune}`);
    expect(text).toContain(
      `Điều 1. Thôi phân công đồng chí Phạm Thị Thu Trang, Phó Giám đốc Sở Tài chính, theo dõi ${commune} (theo dõi từ ngày 01/07/2025) kể từ ngày`,
    );
    expect(text).toContain('theo căn cứ quy định tại Quy định nêu trên');
    expect(text).toContain(
      `Điều 2. Phân công đồng chí Hồ Đức Lương, Phó Giám đốc Sở Nông nghiệp và Môi trường, theo dõi ${commune} thay đồng chí Phạm Thị Thu Trang`,
    );
    expect(text).toContain('Thái Thị Hoài An');
    expect(text).not.toContain(REASON);
    expect(text).not.toContain('Đề nghị thay cán bộ theo dõi');
    expect(text).not.toContain('phiếu nhận xét');
  });

  it('is read by the proposals’ readers, the leaders named, their agencies’ heads and the commune’s committee, each read audited; 403 for anyone else, 404 for none', async () => {
    const before = await reads(reassignment.id);
    const allowed = [U.leader, U.head, STAFF, U.auditor, 'btv.01', 'stc.pgd1', 'snnmt.pgd2', 'stc.gd', 'snnmt.gd'];
    for (const username of allowed) {
      const response = await s().api.call('GET', `/commune-decisions/${reassignment.id}/document.docx`, username);
      expect(response.statusCode, `${username}: ${response.body}`).toBe(200);
    }
    expect(await reads(reassignment.id)).toBe(before + allowed.length);

    // Another agency's head and leader, another commune's committee: their role calls the route, they have no part.
    const appointmentReads = await reads(appointment.id);
    for (const username of ['snnmt.gd', 'snnmt.pgd1', 'btgdv.ptb1', 'duhoangmai']) {
      const response = await s().api.call('GET', `/commune-decisions/${appointment.id}/document.docx`, username);
      expect(response.statusCode, `${username}: ${response.body}`).toBe(403);
    }
    // A role the route does not admit: an official, the administrator.
    for (const username of [U.official, U.admin]) {
      const response = await s().api.call('GET', `/commune-decisions/${appointment.id}/document.pdf`, username);
      expect(response.statusCode, `${username}: ${response.body}`).toBe(403);
    }
    expect(await reads(appointment.id)).toBe(appointmentReads);

    const unknown = await s().api.call('GET', '/commune-decisions/no-such-decision/document.docx', 'btv.01');
    expect(unknown.statusCode, unknown.body).toBe(404);
    const badFormat = await s().api.call('GET', `/commune-decisions/${appointment.id}/document?format=odt`, 'btv.01');
    expect(badFormat.statusCode, badFormat.body).toBe(400);
  });
});
