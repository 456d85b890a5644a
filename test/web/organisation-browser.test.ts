/**
 * The organisation page in headless Chromium against the real API and a fresh seeded database: the administrator adds
 * an official, gives them an account from the same row (the one-time password shown once), forms a monitoring group
 * they lead; the new official's first login asks for their own password; a Board leader puts a leader in charge of an
 * area from the same page; the administrator records a merger from its preview and leadership finds the successor's
 * proposal in its inbox; the administrator changes a group's members and leader from a day and records an official's
 * leaving, the page listing what it proposes. Screenshots: test-artifacts/screenshots/organisation-<page>.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../machines/calendar';
import { startActiveAssignment } from '../support/assignments';
import { type BrowserSuite, logIn, newContext, screenshot, startBrowserSuite, watchErrors } from '../support/browser';

let suite: BrowserSuite | undefined;

beforeAll(async () => {
  suite = await startBrowserSuite();
});

afterAll(async () => {
  await suite?.close();
});

describe('the organisation page in the browser', () => {
  let oneTime = '';

  it('the administrator adds an official and their account, and forms a group they lead', async () => {
    const { browser, web, h } = suite!;
    const prisma = h.db.prisma;
    const department = (await prisma.department.findFirst({ orderBy: { code: 'asc' } }))!;
    const member = (await prisma.official.findFirst({ where: { position: 'SPECIALIST' }, orderBy: { code: 'asc' } }))!;

    const admin = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(admin);
    await logIn(admin, 'admin');
    await admin.getByRole('link', { name: 'Tổ chức, cán bộ' }).click();
    await admin.getByRole('heading', { name: 'Tổ chức của Ban' }).waitFor();
    await admin.getByRole('heading', { name: 'Còn thiếu' }).waitFor();

    // A new official, with their department and post.
    const newOfficial = admin.getByRole('form', { name: 'Thêm cán bộ' });
    await newOfficial.getByLabel(/^Mã cán bộ/).fill('CB-301');
    await newOfficial.getByLabel(/^Họ và tên/).fill('Nguyễn Thị Hoa');
    await newOfficial.getByLabel(/^Chức vụ/).selectOption('SPECIALIST');
    await newOfficial.getByLabel(/^Phòng/).selectOption(department.id);
    await newOfficial.getByRole('button', { name: 'Thêm cán bộ' }).click();
    await newOfficial.getByText('Đã thêm cán bộ CB-301 Nguyễn Thị Hoa.').waitFor();
    const official = await prisma.official.findFirstOrThrow({ where: { code: 'CB-301' } });
    expect(official).toMatchObject({ fullName: 'Nguyễn Thị Hoa', position: 'SPECIALIST', departmentId: department.id });

    // Their account, from their row: the one-time password shown once.
    await admin.getByRole('button', { name: 'Cấp tài khoản CB-301' }).click();
    const accountForm = admin.getByRole('form', { name: 'Cấp tài khoản cho CB-301 Nguyễn Thị Hoa' });
    await accountForm.getByLabel(/^Tên đăng nhập/).fill('cb301');
    await accountForm.getByRole('button', { name: 'Cấp tài khoản' }).click();
    const shown = admin.locator('.one-time-password code');
    await shown.waitFor();
    oneTime = (await shown.textContent())!.trim();
    expect(oneTime).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await expect.poll(() => admin.getByRole('row', { name: /CB-301/ }).textContent()).toContain('cb301');

    // A group she leads, with a member, from today.
    const newGroup = admin.getByRole('form', { name: 'Thành lập nhóm' });
    await newGroup.getByLabel(/^Tên nhóm/).fill('Tổ theo dõi số 9');
    await newGroup.getByLabel(/^Trưởng nhóm/).selectOption(official.id);
    await newGroup.getByLabel(`${member.code} ${member.fullName}`).check();
    await newGroup.getByRole('button', { name: 'Thành lập nhóm' }).click();
    await newGroup.getByText('Đã thành lập Tổ theo dõi số 9.').waitFor();
    await expect
      .poll(() => admin.getByRole('row', { name: /Tổ theo dõi số 9/ }).textContent())
      .toContain('Nguyễn Thị Hoa');
    const group = await prisma.monitoringGroup.findFirstOrThrow({
      where: { name: 'Tổ theo dõi số 9' },
      include: { memberships: { where: { until: null } } },
    });
    expect(group.memberships.map((m) => [m.officialId, m.isLeader]).sort()).toEqual(
      [
        [official.id, true],
        [member.id, false],
      ].sort(),
    );
    await screenshot(admin, 'organisation', 'admin');

    // The page in English, from the language menu.
    await admin.getByLabel('Ngôn ngữ').selectOption('en');
    await admin.getByRole('heading', { name: "The Board's organisation" }).waitFor();
    await admin.getByRole('form', { name: 'Add an official' }).waitFor();
    await admin.getByLabel('Language').selectOption('vi');
    expect(errors).toEqual([]);
  });

  it("the new official's first login asks for their own password, then reaches their pages", async () => {
    const { browser, web } = suite!;
    expect(oneTime).not.toBe('');
    const user = await (await newContext(browser, web.baseUrl)).newPage();
    await logIn(user, 'cb301', oneTime);
    await user.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    expect(await user.getByRole('navigation').count()).toBe(0);
    await user.getByLabel(/^Mật khẩu dùng một lần/).fill(oneTime);
    await user.getByLabel(/^Mật khẩu mới/).fill('Bến Thủy 2026 sông Lam');
    await user.getByLabel(/^Nhập lại mật khẩu mới/).fill('Bến Thủy 2026 sông Lam');
    await user.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await user.getByRole('navigation').waitFor();
  });

  it('a Board leader puts a leader in charge of an area from the same page', async () => {
    const { browser, web, h } = suite!;
    const prisma = h.db.prisma;
    const leader = await prisma.official.findFirstOrThrow({ where: { code: 'LD-03' } });
    const area = await prisma.area.findFirstOrThrow({
      where: { OR: [{ leaderInChargeId: null }, { leaderInChargeId: { not: leader.id } }] },
      orderBy: { code: 'asc' },
    });
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    await logIn(page, 'ld01');
    await page.getByRole('link', { name: 'Tổ chức, cán bộ' }).click();
    const form = page.getByRole('form', { name: 'Giao lãnh đạo phụ trách địa bàn' });
    await form.getByLabel(/^Địa bàn/).selectOption(area.id);
    await form.getByLabel(/^Lãnh đạo phụ trách/).selectOption(leader.id);
    await form.getByRole('button', { name: 'Giao phụ trách' }).click();
    await form.getByText(`${leader.fullName} phụ trách ${area.name}`).waitFor();
    // Leadership sees no official's form: those are the administrator's.
    expect(await page.getByRole('form', { name: 'Thêm cán bộ' }).count()).toBe(0);
    await screenshot(page, 'organisation', 'leadership');
  });
  it('the administrator records a merger from its preview; leadership finds the new unit’s proposal in its inbox', async () => {
    const { browser, web, h } = suite!;
    const prisma = h.db.prisma;
    const [first, second] = await prisma.area.findMany({ orderBy: { code: 'desc' }, take: 2 });
    const admin = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(admin);
    await logIn(admin, 'admin');
    await admin.getByRole('link', { name: 'Tổ chức, cán bộ' }).click();
    const form = admin.getByRole('form', { name: 'Sắp xếp đơn vị hành chính' });
    await form.getByLabel(/^Hình thức/).selectOption('MERGE');
    await form.getByLabel(/^Số văn bản căn cứ/).fill('1667/NQ-UBTVQH15');
    await form.getByLabel(`${first!.code} ${first!.name}`).check();
    await form.getByLabel(`${second!.code} ${second!.name}`).check();
    await form.getByLabel(/^Tên đơn vị mới/).fill('Xã Đại Huệ');
    await form.getByLabel(/^Mã địa bàn của đơn vị mới/).fill('NA-DAIHUE');
    await form.getByRole('button', { name: 'Xem trước' }).click();

    // The preview first: both units cease, one proposal for the new one; nothing written yet.
    const plan = admin.getByRole('region', { name: /^Xem trước: những gì sẽ thay đổi từ/ });
    await plan.waitFor();
    expect(await plan.getByText(/chấm dứt từ/).count()).toBe(2);
    await plan.getByText(/^Xã Đại Huệ:/).waitFor();
    expect(await prisma.area.count({ where: { code: 'NA-DAIHUE' } })).toBe(0);
    await screenshot(admin, 'organisation', 'reorganisation-preview');
    await plan.getByRole('button', { name: 'Ghi nhận sắp xếp' }).click();
    await admin
      .getByText('Đã ghi nhận sắp xếp; 1 đề xuất phân công đã chuyển đến hộp phê duyệt của Lãnh đạo Ban.')
      .waitFor();
    const successor = await prisma.area.findFirstOrThrow({ where: { code: 'NA-DAIHUE' } });
    expect(successor.name).toBe('Xã Đại Huệ');
    expect(errors).toEqual([]);

    const leader = await (await newContext(browser, web.baseUrl)).newPage();
    await logIn(leader, 'ld02');
    await leader.goto('/app/inbox');
    await leader.locator('ul.inbox').waitFor();
    await screenshot(leader, 'organisation', 'successor-proposal-inbox');
    const card = leader.locator('ul.inbox > li', { hasText: 'Xã Đại Huệ' });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Phân công theo dõi đơn vị mới sau sắp xếp — Xã Đại Huệ',
    );
  });

  it("the administrator changes a group's members and leader from a day, and records an official's leaving with what it proposes", async () => {
    const { browser, web, h } = suite!;
    const prisma = h.db.prisma;
    const today = dayOf(Date.now());
    const { group } = h.people;
    const groupRow = await prisma.monitoringGroup.findUniqueOrThrow({ where: { id: group.id } });
    const memberOf = (groupId: string) => ({ memberships: { some: { groupId, until: null } } });
    const newcomer = await prisma.official.findFirstOrThrow({
      where: { active: true, position: 'SPECIALIST', NOT: memberOf(group.id) },
      orderBy: { code: 'asc' },
    });
    const ending = await prisma.official.findUniqueOrThrow({ where: { id: group.member.id } });
    // Who leaves: the leader of another group, monitoring an area of their own.
    const leaving = await prisma.groupMembership.findFirstOrThrow({
      where: {
        isLeader: true,
        until: null,
        since: { lt: new Date(`${today}T00:00:00.000Z`) },
        groupId: { not: group.id },
        officialId: { notIn: [newcomer.id, ending.id] },
      },
      include: { official: true, group: true },
      orderBy: { officialId: 'asc' },
    });
    await prisma.area.create({
      data: { id: 'area-org-browser', code: 'NA-ORG-ROI', name: 'Xã Thử Rời', kind: 'COMMUNE' },
    });
    await startActiveAssignment(h, {
      assignmentId: 'org-browser-leaving',
      areaId: 'area-org-browser',
      official: { id: leaving.officialId, roles: ['OFFICIAL', 'GROUP_LEADER'] },
      proposedBy: h.people.leaders[1]!,
    });

    const admin = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(admin);
    await logIn(admin, 'admin');
    await admin.getByRole('link', { name: 'Tổ chức, cán bộ' }).click();
    const changes = admin.getByRole('form', { name: 'Thay đổi thành viên nhóm' });
    await changes.getByLabel(/^Nhóm/).selectOption(group.id);
    await changes.getByText(/^Hiện nay: Trưởng nhóm/).waitFor();
    const before = await prisma.groupMembership.count({ where: { groupId: group.id, until: null } });

    // A member from today.
    await changes.getByLabel(/^Cán bộ/).selectOption(newcomer.id);
    await changes.getByRole('button', { name: 'Ghi nhận thay đổi' }).click();
    await changes.getByText(`Đã ghi nhận. ${groupRow.name}:`, { exact: false }).waitFor();
    await changes.getByText(`${before + 1} thành viên.`, { exact: false }).waitFor();

    // A membership ended today.
    await changes.getByLabel('Kết thúc tư cách thành viên từ ngày').check();
    await changes.getByLabel(/^Cán bộ/).selectOption(ending.id);
    await changes.getByLabel(/^Ghi chú/).fill('Chuyển sang nhóm khác');
    await changes.getByRole('button', { name: 'Ghi nhận thay đổi' }).click();
    await changes.getByText(`${before} thành viên.`, { exact: false }).waitFor();

    // The newcomer leads the group from today; the former leader stays a member.
    await changes.getByLabel('Đổi trưởng nhóm từ ngày').check();
    await changes.getByLabel(/^Cán bộ/).selectOption(newcomer.id);
    await changes.getByRole('button', { name: 'Ghi nhận thay đổi' }).click();
    await changes.getByText(`trưởng nhóm ${newcomer.fullName}, ${before} thành viên.`, { exact: false }).waitFor();
    const open = await prisma.groupMembership.findMany({
      where: { groupId: group.id, until: null },
      select: { officialId: true, isLeader: true },
    });
    expect(open).toContainEqual({ officialId: newcomer.id, isLeader: true });
    expect(open).toContainEqual({ officialId: group.leader.id, isLeader: false });
    expect(open.map((m) => m.officialId)).not.toContain(ending.id);
    expect(await prisma.auditEvent.count({ where: { action: 'GROUP_LEADER_CHANGED', entityId: group.id } })).toBe(1);
    await screenshot(admin, 'organisation', 'group-changes');

    // An official leaves today: what is to decide is listed, nothing reassigned.
    const leave = admin.getByRole('form', { name: 'Cán bộ thôi công tác' });
    await leave.getByLabel(/^Cán bộ thôi công tác/).selectOption(leaving.officialId);
    await leave.getByLabel(/^Lý do/).fill('Nghỉ hưu theo chế độ');
    await leave.getByRole('button', { name: 'Ghi nhận thôi công tác' }).click();
    const proposed = leave.getByRole('region', { name: 'Việc cần quyết định' });
    await proposed.waitFor();
    await proposed
      .getByText(`${leaving.official.code} ${leaving.official.fullName} thôi công tác từ`, { exact: false })
      .waitFor();
    await proposed
      .getByText('Xã Thử Rời: đã ghi căn cứ thay đổi vị trí công tác, chờ Lãnh đạo Ban quyết định')
      .waitFor();
    await proposed.getByRole('listitem').filter({ hasText: leaving.group.name }).waitFor();
    expect(await prisma.official.findUniqueOrThrow({ where: { id: leaving.officialId } })).toMatchObject({
      active: false,
      activeUntil: new Date(`${today}T00:00:00.000Z`),
    });
    expect(
      await prisma.auditEvent.count({ where: { action: 'GROUND_ESTABLISHED', assignmentId: 'org-browser-leaving' } }),
    ).toBe(1);
    await screenshot(admin, 'organisation', 'leaving');
    expect(errors).toEqual([]);
  });

  it("the administrator imports leaders in charge and the area committees' accounts, their one-time passwords shown once", async () => {
    const { browser, web, h } = suite!;
    const prisma = h.db.prisma;
    const today = dayOf(Date.now());
    const admin = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(admin);
    await logIn(admin, 'admin');
    await admin.getByRole('link', { name: 'Tổ chức, cán bộ' }).click();

    const inCharge = admin.getByRole('form', { name: 'Nhập lãnh đạo phụ trách từ tệp' });
    await inCharge.getByLabel(/^Tệp phân công lãnh đạo phụ trách/).setInputFiles({
      name: 'phu-trach.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`area,leader,since\nNA-ORG-ROI,LD-03,${today}\n`),
    });
    await inCharge.getByRole('button', { name: 'Nhập lãnh đạo phụ trách' }).click();
    await inCharge.getByText('Đã ghi 1 phân công phụ trách từ phu-trach.csv; 0 đã có.').waitFor();
    const leader = await prisma.official.findFirstOrThrow({ where: { code: 'LD-03' } });
    expect(await prisma.area.findUniqueOrThrow({ where: { id: 'area-org-browser' } })).toMatchObject({
      leaderInChargeId: leader.id,
    });

    const committees = admin.getByRole('form', { name: 'Nhập tài khoản cấp ủy địa bàn từ tệp' });
    const file = (lines: string[]) => ({
      name: 'cap-uy.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['area,username,full_name,email', ...lines].join('\n')),
    });
    await committees
      .getByLabel(/^Tệp danh sách người dùng của cấp ủy/)
      .setInputFiles(file(['NA-ORG-ROI,vp.xathuroi,Văn phòng Đảng ủy xã,vp@xathuroi.test', 'NA-KHONG,x.khong,Không,']));
    await committees.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await admin.getByRole('cell', { name: 'UNKNOWN_AREA' }).waitFor();
    expect(await prisma.user.count({ where: { username: 'vp.xathuroi' } })).toBe(0);

    await committees
      .getByLabel(/^Tệp danh sách người dùng của cấp ủy/)
      .setInputFiles(file(['NA-ORG-ROI,vp.xathuroi,Văn phòng Đảng ủy xã,vp@xathuroi.test']));
    await committees.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await committees.getByText('Đã tạo 1 tài khoản từ cap-uy.csv; 0 đã có.').waitFor();
    const shown = committees.getByRole('row', { name: /vp\.xathuroi/ }).locator('code');
    expect((await shown.textContent())!.trim()).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await prisma.user.findUniqueOrThrow({ where: { username: 'vp.xathuroi' } })).toMatchObject({
      areaId: 'area-org-browser',
      mustChangePassword: true,
    });
    await screenshot(admin, 'organisation', 'committee-accounts-import');
    expect(errors).toEqual([]);
  });
});
