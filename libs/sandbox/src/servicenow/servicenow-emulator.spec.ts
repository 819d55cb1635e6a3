import { ServiceNowEmulator } from './servicenow-emulator';
import { SERVICENOW_SEED_PASSWORD, SERVICENOW_SEED_USERNAME, sysId } from './seed';

const emulator = new ServiceNowEmulator();
const basic = `Basic ${Buffer.from(`${SERVICENOW_SEED_USERNAME}:${SERVICENOW_SEED_PASSWORD}`).toString('base64')}`;
const call = async (path: string, init: RequestInit = {}, authorization = basic) => {
  const response = await fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { authorization, 'content-type': 'application/json' },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : text,
  };
};

describe('ServiceNow emulator', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('pages with sysparm_offset, Link (first, prev, next, last) and X-Total-Count, and filters and orders by query', async () => {
    const page = await call('/api/now/table/incident?sysparm_limit=2&sysparm_offset=2&sysparm_fields=number');
    expect(page.body).toEqual({ result: [{ number: 'INC0010003' }, { number: 'INC0010004' }] });
    expect(page.headers.get('x-total-count')).toBe('7');
    const links = page.headers.get('link') ?? '';
    expect(links.split(',').map((l) => /rel="(\w+)"/.exec(l)?.[1])).toEqual([
      'first',
      'prev',
      'next',
      'last',
    ]);
    expect(links).toContain('sysparm_offset=4');
    expect(links).toMatch(/sysparm_offset=6[^>]*>;rel="last"/);
    const open = await call(
      '/api/now/table/incident?sysparm_query=stateIN1,2^ORDERBYDESCnumber&sysparm_fields=number',
    );
    expect(open.body).toEqual({
      result: [{ number: 'INC0010006' }, { number: 'INC0010003' }, { number: 'INC0010001' }],
    });
  });

  it('serves values, display values or both, with or without reference links', async () => {
    const path = `/api/now/table/incident/${sysId('incident', 2)}?sysparm_fields=state,assigned_to`;
    const plain = (await call(path)).body as {
      result: { state: string; assigned_to: { link: string; value: string } };
    };
    expect(plain.result.state).toBe('3');
    expect(plain.result.assigned_to).toEqual({
      link: `${emulator.url}/api/now/table/sys_user/${sysId('sys_user', 3)}`,
      value: sysId('sys_user', 3),
    });
    expect((await call(`${path}&sysparm_display_value=true`)).body).toEqual({
      result: { state: 'On Hold', assigned_to: 'David Loo' },
    });
    expect(
      (await call(`${path}&sysparm_display_value=all&sysparm_exclude_reference_link=true`)).body,
    ).toEqual({
      result: {
        state: { display_value: 'On Hold', value: '3' },
        assigned_to: { display_value: 'David Loo', value: sysId('sys_user', 3) },
      },
    });
  });

  it('answers with ServiceNow error bodies: 401, 404, invalid table, refused writes, and its 429', async () => {
    expect(await call('/api/now/table/incident', {}, 'Basic eDp5')).toMatchObject({
      status: 401,
      body: { error: { message: 'User Not Authenticated' }, status: 'failure' },
    });
    expect(await call(`/api/now/table/incident/${'0'.repeat(32)}`)).toMatchObject({
      status: 404,
      body: { error: { message: 'No Record found' }, status: 'failure' },
    });
    expect(await call('/api/now/table/nope')).toMatchObject({
      status: 400,
      body: { error: { message: 'Invalid table nope' } },
    });
    expect(
      await call('/api/now/table/incident', { method: 'POST', body: '{"description":"x"}' }),
    ).toMatchObject({
      status: 403,
      body: { error: { message: 'Operation Failed', detail: expect.stringContaining('Short description') } },
    });
    expect(
      await call('/api/now/table/sys_journal_field', { method: 'POST', body: '{"value":"x"}' }),
    ).toMatchObject({
      status: 403,
    });
    emulator.injectFault(emulator.rateLimitFault(5));
    const limited = await call('/api/now/table/sys_user');
    expect([
      limited.status,
      limited.headers.get('retry-after'),
      limited.headers.get('x-ratelimit-remaining'),
    ]).toEqual([429, '5', '0']);
  });

  it('computes priority from impact and urgency, ignores unknown fields, and journals comments', async () => {
    const created = await call('/api/now/table/incident', {
      method: 'POST',
      body: JSON.stringify({
        short_description: 'New',
        impact: 2,
        urgency: '1',
        priority: '5',
        colour: 'red',
        work_notes: 'n',
      }),
    });
    const result = (created.body as { result: Record<string, string> }).result;
    expect([created.status, result.priority, result.colour, result.work_notes, result.number]).toEqual([
      201,
      '2',
      undefined,
      '',
      'INC0010008',
    ]);
    const notes = emulator.records('sys_journal_field').filter((j) => j.element_id === result.sys_id);
    expect(notes).toMatchObject([{ element: 'work_notes', value: 'n', sys_created_by: 'svc.integration' }]);
  });
});
