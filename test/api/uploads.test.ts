/**
 * Files as streamed multipart uploads, over real HTTP against the real Temporal server and a fresh seeded database:
 * a meeting's invitation document of 5 MB accepted and served back as an attachment with nosniff; a file past its
 * kind's limit answered 413 naming the limit while the service keeps answering; HTML declared as a PDF refused (415
 * naming the rule), in the multipart form and in the older JSON form alike; the content's real type by its bytes.
 */
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_TYPES } from '../../domain/uploads/kinds';
import { sniffMediaType } from '../../domain/uploads/media-type';
import { dayOf, startOfDay, WorkingCalendar } from '../../machines/calendar';
import { errorOf } from '../support/api-client';
import { startActiveAssignment } from '../support/assignments';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { asOfficial, expectStatus, USERS } from '../support/confidential-reads';

const HOUR_MS = 60 * 60 * 1000;
const MiB = 1024 * 1024;
let suite: ApiSuite;

beforeAll(async () => {
  suite = await startApiSuite();
});
afterAll(async () => {
  await suite?.close();
});

const pdfOf = (bytes: number) => {
  const content = Buffer.alloc(bytes, 0x20);
  content.write('%PDF-1.7\n%âãÏÓ\n', 0, 'latin1');
  content.write('\n%%EOF\n', bytes - 7, 'latin1');
  return content;
};
const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

async function baseUrl(): Promise<string> {
  await suite.api.tokenOf(USERS.official); // the client listens on first use
  const address = suite.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server does not listen');
  return `http://127.0.0.1:${address.port}`;
}

async function upload(url: string, username: string, field: string, file: Buffer, type: string, name: string) {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(file)], { type }), name);
  const response = await fetch(`${await baseUrl()}${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await suite.api.tokenOf(username)}` },
    body: form,
  });
  const body = await response.text();
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body,
    json: () => JSON.parse(body),
  };
}

describe('the content of a file is its real type', () => {
  it('a PDF, a PNG, a JPEG and a .docx by their bytes; HTML, text and a zip of something else have no type', () => {
    expect(sniffMediaType(pdfOf(64))).toBe(MEDIA_TYPES.pdf);
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(MEDIA_TYPES.png);
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe(MEDIA_TYPES.jpeg);
    const docx = zipSync({ '[Content_Types].xml': new Uint8Array([60]), 'word/document.xml': new Uint8Array([60]) });
    expect(sniffMediaType(docx)).toBe(MEDIA_TYPES.docx);
    expect(sniffMediaType(zipSync({ 'xl/workbook.xml': new Uint8Array([60]) }))).toBeUndefined();
    expect(sniffMediaType(HTML)).toBeUndefined();
    expect(sniffMediaType(Buffer.from(' %PDF-1.7'))).toBeUndefined();
  });
});

describe("a meeting's invitation document as a multipart upload", () => {
  const areaId = 'area-na-cualo';
  let meetingId: string;
  let invitation: Record<string, unknown>;

  beforeAll(async () => {
    const { h } = suite;
    await startActiveAssignment(h, {
      assignmentId: 'uploads-cualo',
      areaId,
      official: asOfficial('cb-003'),
      proposedBy: h.people.departmentHead,
      groupId: 'group-01',
    });
    const startsAt =
      startOfDay(new WorkingCalendar([]).addWorkingDays(dayOf(await h.env.currentTimeMs()), 3)) + 9 * HOUR_MS;
    invitation = {
      areaId,
      body: 'BTV',
      startsAt: new Date(startsAt).toISOString(),
      place: 'Hội trường Thị ủy Cửa Lò',
      agenda: 'Quy trình giới thiệu nhân sự',
    };
    const recorded = await suite.api.call('POST', '/meetings', USERS.official, invitation);
    expectStatus(recorded, 201);
    meetingId = recorded.json<{ meetingId: string }>().meetingId;
  });

  it('HTML declared as a PDF is refused, 415 naming the rule, in the multipart form and in the JSON form', async () => {
    const refused = await upload(
      `/meetings/${meetingId}/document`,
      USERS.official,
      'document',
      HTML,
      'application/pdf',
      'giay-moi.pdf',
    );
    expect(refused.statusCode, refused.body).toBe(415);
    expect(errorOf(refused)).toMatchObject({ code: 'CONTENT_TYPE_MISMATCH', rule: 'CONTENT_MATCHES_MEDIA_TYPE' });
    const asText = await upload(
      `/meetings/${meetingId}/document`,
      USERS.official,
      'document',
      HTML,
      'text/html',
      'a.html',
    );
    expect(asText.statusCode).toBe(415);
    expect(errorOf(asText).rule).toBe('ACCEPTED_MEDIA_TYPE');
    const json = await suite.api.call('POST', '/meetings', USERS.official, {
      ...invitation,
      document: { fileName: 'giay-moi.pdf', mediaType: 'application/pdf', contentBase64: HTML.toString('base64') },
    });
    expect(json.statusCode, json.body).toBe(415);
    expect(errorOf(json).rule).toBe('CONTENT_MATCHES_MEDIA_TYPE');
    const notMultipart = await suite.api.call('POST', `/meetings/${meetingId}/document`, USERS.official, {});
    expect(notMultipart.statusCode).toBe(415);
    expect(errorOf(notMultipart).rule).toBe('MULTIPART_FORM');
  });

  it('a file past its limit is a 413 naming the limit, and the service answers meanwhile', async () => {
    const big = pdfOf(12 * MiB);
    const started = Date.now();
    const [tooLarge, health] = await Promise.all([
      upload(`/meetings/${meetingId}/document`, USERS.official, 'document', big, 'application/pdf', 'lon.pdf'),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const response = await fetch(`${await baseUrl()}/healthz`);
        return { status: response.status, afterMs: Date.now() - started };
      })(),
    ]);
    expect(tooLarge.statusCode, tooLarge.body).toBe(413);
    expect(errorOf(tooLarge)).toMatchObject({ code: 'FILE_TOO_LARGE', rule: 'FILE_SIZE_LIMIT', limitBytes: 10 * MiB });
    expect(errorOf(tooLarge).message).toContain('10 MiB');
    expect(health.status).toBe(200);
    // Nothing was stored: the document is still to attach.
    expectStatus(await suite.api.call('GET', `/meetings/${meetingId}/document`, USERS.official), 404);
  });

  it('a 5 MB PDF is accepted, and served back as an attachment with nosniff', async () => {
    const pdf = pdfOf(5 * 1000 * 1000);
    const outsider = await upload(
      `/meetings/${meetingId}/document`,
      USERS.complainedOf,
      'document',
      pdf,
      'application/pdf',
      'x.pdf',
    );
    expect(outsider.statusCode).toBe(403); // another group's official does not even see the meeting
    const accepted = await upload(
      `/meetings/${meetingId}/document`,
      USERS.official,
      'document',
      pdf,
      'application/pdf',
      'giấy mời.pdf',
    );
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({
      meetingId,
      mediaType: 'application/pdf',
      bytes: pdf.length,
      fileName: 'giấy mời.pdf',
    });
    const again = await upload(
      `/meetings/${meetingId}/document`,
      USERS.official,
      'document',
      pdf,
      'application/pdf',
      'b.pdf',
    );
    expect(again.statusCode).toBe(409);
    const response = await fetch(`${await baseUrl()}/meetings/${meetingId}/document`, {
      headers: { authorization: `Bearer ${await suite.api.tokenOf(USERS.official)}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('giấy mời.pdf')}`,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('is described in the OpenAPI document as multipart/form-data with a binary file and its limit', async () => {
    const document = (await suite.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = document.paths['/meetings/{id}/document'].post;
    const form = operation.requestBody.content['multipart/form-data'].schema;
    expect(form.properties.document).toMatchObject({ type: 'string', format: 'binary' });
    expect(form.properties.document.description).toContain('10 MiB');
    expect(operation['x-roles']).toContain('OFFICIAL');
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['201', '413', '415', '422']));
  });
});
