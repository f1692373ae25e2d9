import { auditEventsOf, caseTestContext, CaseTestContext, closeCase, openCase } from '../factories/cases';
import { allPages, expectError, expectStatus, MISSING } from '../utils/admin';
import { seedUsers } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Case notes', () => {
  let t: TestApp;
  let ctx: CaseTestContext;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    ctx = await caseTestContext(t);
  }, 60_000);
  afterAll(() => t.close());

  async function protectionCase() {
    return openCase(ctx.caseworker, { beneficiaryId: await ctx.person(), unitId: ctx.ids.protection });
  }

  async function addNote(caseId: string, body: string, isSensitive = false) {
    const res = await ctx.caseworker.post(`/cases/${caseId}/notes`, { body, isSensitive });
    expectStatus(res, 201);
    return res.body;
  }

  it('adds a note and lists it', async () => {
    const c = await protectionCase();
    const res = await ctx.caseworker.post(`/cases/${c.id}/notes`, {
      body: 'Called, no answer.\nTry again Monday.',
    });
    expectStatus(res, 201);
    expect(res.body).toEqual({
      id: expect.any(String),
      caseId: c.id,
      body: 'Called, no answer.\nTry again Monday.',
      isSensitive: false,
      authorUserId: ctx.ids.caseworkerId,
      createdAt: expect.any(String),
    });
    const list = await ctx.caseworker.get(`/cases/${c.id}/notes`);
    expectStatus(list, 200);
    expect(list.body).toEqual({ items: [res.body] });
  });

  it('audits a new note without its body', async () => {
    const c = await protectionCase();
    const note = await addNote(c.id, 'Disclosed a private matter', true);
    const [event] = await auditEventsOf(t, c.id, 'case.note_added');
    expect(event.changes).toEqual({ noteId: { to: note.id }, isSensitive: { to: true }, body: {} });
    expect(JSON.stringify(event)).not.toContain('private matter');
  });

  it('lists sensitive notes without their body unless asked for', async () => {
    const c = await protectionCase();
    const plain = await addNote(c.id, 'Plain note');
    const sensitive = await addNote(c.id, 'Sensitive detail', true);
    const list = await ctx.caseworker.get(`/cases/${c.id}/notes`);
    expect(list.body.items).toEqual([
      { ...sensitive, body: null, isSensitive: true },
      { ...plain, body: 'Plain note' },
    ]);
    expect(await auditEventsOf(t, c.id, 'case.sensitive_notes_read')).toEqual([]);
  });

  it('shows sensitive bodies on request and audits the read', async () => {
    const c = await protectionCase();
    const sensitive = await addNote(c.id, 'Sensitive detail', true);
    const list = await ctx.caseworker.get(`/cases/${c.id}/notes?includeSensitive=true`);
    expectStatus(list, 200);
    expect(list.body.items).toEqual([{ ...sensitive, body: 'Sensitive detail' }]);
    const events = await auditEventsOf(t, c.id, 'case.sensitive_notes_read');
    expect(events).toEqual([
      expect.objectContaining({
        entity_type: 'case',
        actor_user_id: ctx.ids.caseworkerId,
        fields_read: ['caseNote.body'],
        changes: { noteIds: { to: [sensitive.id] } },
      }),
    ]);
  });

  it('does not audit a request for sensitive notes that shows none', async () => {
    const c = await protectionCase();
    await addNote(c.id, 'Only a plain note');
    expectStatus(await ctx.caseworker.get(`/cases/${c.id}/notes?includeSensitive=true`), 200);
    expect(await auditEventsOf(t, c.id, 'case.sensitive_notes_read')).toEqual([]);
  });

  it('audits only the sensitive notes of the page returned', async () => {
    const c = await protectionCase();
    const older = await addNote(c.id, 'Older sensitive', true);
    await addNote(c.id, 'Newer plain');
    const first = await ctx.caseworker.get(`/cases/${c.id}/notes?includeSensitive=true&limit=1`);
    expect(first.body.items.map((n: any) => n.body)).toEqual(['Newer plain']);
    expect(await auditEventsOf(t, c.id, 'case.sensitive_notes_read')).toEqual([]);
    const second = await ctx.caseworker.get(
      `/cases/${c.id}/notes?includeSensitive=true&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((n: any) => n.id)).toEqual([older.id]);
    const events = await auditEventsOf(t, c.id, 'case.sensitive_notes_read');
    expect(events.map((e) => e.changes)).toEqual([{ noteIds: { to: [older.id] } }]);
  });

  it('refuses sensitive bodies to a role without case.read_sensitive, who still sees them redacted', async () => {
    const c = await protectionCase();
    await addNote(c.id, 'Sensitive detail', true);
    expectError(await ctx.admin.get(`/cases/${c.id}/notes?includeSensitive=true`), 403, 'FORBIDDEN', {
      includeSensitive: ['needsCaseReadSensitive'],
    });
    const redacted = await ctx.admin.get(`/cases/${c.id}/notes`);
    expectStatus(redacted, 200);
    expect(redacted.body.items).toEqual([expect.objectContaining({ body: null, isSensitive: true })]);
    expect(await auditEventsOf(t, c.id, 'case.sensitive_notes_read')).toEqual([]);
  });

  it('lets the data protection officer read sensitive notes, audited', async () => {
    const c = await protectionCase();
    await addNote(c.id, 'Sensitive detail', true);
    const res = await ctx.dpo.get(`/cases/${c.id}/notes?includeSensitive=true`);
    expect(res.body.items.map((n: any) => n.body)).toEqual(['Sensitive detail']);
    const [event] = await auditEventsOf(t, c.id, 'case.sensitive_notes_read');
    const dpoId = (await t.dataSource.query(`SELECT id FROM users WHERE username = 'dpo'`))[0].id;
    expect(event.actor_user_id).toBe(dpoId);
  });

  it('pages through notes newest first', async () => {
    const c = await protectionCase();
    const notes = [];
    for (let i = 1; i <= 5; i++) notes.push(await addNote(c.id, `Note ${i}`, i % 2 === 0));
    const pages = await allPages(ctx.caseworker, `/cases/${c.id}/notes?limit=2`);
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.items.map((n) => n.id))).toEqual(notes.map((n) => n.id).reverse());
  });

  it('accepts a note of exactly 10,000 characters', async () => {
    const c = await protectionCase();
    const res = await ctx.caseworker.post(`/cases/${c.id}/notes`, { body: 'a'.repeat(10_000) });
    expectStatus(res, 201);
    expect(res.body.body).toHaveLength(10_000);
  });

  it('offers no way to edit a note', async () => {
    const c = await protectionCase();
    const note = await addNote(c.id, 'As written');
    expectError(
      await ctx.caseworker.patch(`/cases/${c.id}/notes/${note.id}`, { body: 'Changed' }),
      404,
      'ROUTE_NOT_FOUND',
    );
    const list = await ctx.caseworker.get(`/cases/${c.id}/notes`);
    expect(list.body.items[0].body).toBe('As written');
  });

  it('refuses notes on a closed case', async () => {
    const c = await protectionCase();
    await closeCase(ctx.caseworker, c.id);
    const res = await ctx.caseworker.post(`/cases/${c.id}/notes`, { body: 'Too late' });
    expectError(res, 409, 'CASE_CLOSED');
    expect(res.body.details).toEqual({ currentStatus: 'closed' });
    expectStatus(await ctx.caseworker.get(`/cases/${c.id}/notes`), 200);
  });

  it('hides notes from caseworkers of another unit or organisation, and from partners', async () => {
    const c = await protectionCase();
    await addNote(c.id, 'Note');
    for (const api of [ctx.legalCaseworker.api, ctx.partnerCaseworker.api, ctx.partner]) {
      expectError(await api.get(`/cases/${c.id}/notes`), 404, 'NOT_FOUND');
    }
    for (const api of [ctx.legalCaseworker.api, ctx.partnerCaseworker.api]) {
      expectError(await api.post(`/cases/${c.id}/notes`, { body: 'x' }), 404, 'NOT_FOUND');
    }
    expectError(await ctx.distribution.get(`/cases/${c.id}/notes`), 403, 'FORBIDDEN');
    expectError(await ctx.admin.post(`/cases/${c.id}/notes`, { body: 'x' }), 403, 'FORBIDDEN');
    expectError(await ctx.caseworker.get(`/cases/${MISSING}/notes`), 404, 'NOT_FOUND');
  });

  it.each([
    ['a missing body', {}, { body: ['matches', 'maxLength', 'minLength', 'isString'] }],
    ['an empty body', { body: '' }, { body: ['matches', 'minLength'] }],
    ['a blank body', { body: '  \n ' }, { body: ['matches'] }],
    ['an oversize body', { body: 'b'.repeat(10_001) }, { body: ['maxLength'] }],
    ['a body that is not text', { body: 42 }, { body: ['matches', 'maxLength', 'minLength', 'isString'] }],
    ['a flag that is not boolean', { body: 'x', isSensitive: 'yes' }, { isSensitive: ['isBoolean'] }],
    ['an unknown field', { body: 'x', title: 'y' }, { title: ['whitelistValidation'] }],
  ])('answers %s with a 400 naming the field and rule', async (_, body, details) => {
    const c = await protectionCase();
    expectError(await ctx.caseworker.post(`/cases/${c.id}/notes`, body), 400, 'VALIDATION_FAILED', details);
  });

  it.each([
    ['a flag that is not boolean', 'includeSensitive=maybe', { includeSensitive: ['isBoolean'] }],
    [
      'a tampered cursor',
      `cursor=${Buffer.from('["not-a-uuid"]').toString('base64url')}`,
      { cursor: ['invalid'] },
    ],
    ['an oversize limit', 'limit=101', { limit: ['max'] }],
    ['an unknown parameter', 'author=me', { author: ['whitelistValidation'] }],
  ])('answers a list request with %s with a 400', async (_, query, details) => {
    const c = await protectionCase();
    expectError(await ctx.caseworker.get(`/cases/${c.id}/notes?${query}`), 400, 'VALIDATION_FAILED', details);
  });

  it('answers a malformed case id with a 400 naming id', async () => {
    expectError(await ctx.caseworker.get('/cases/x/notes'), 400, 'VALIDATION_FAILED', { id: ['isUuid'] });
    expectError(await ctx.caseworker.post('/cases/x/notes', { body: 'x' }), 400, 'VALIDATION_FAILED', {
      id: ['isUuid'],
    });
  });
});
