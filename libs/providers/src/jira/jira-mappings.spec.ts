import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { jira } from './index';
import { expectValid } from './jira.test-support';

const expressions = new ExpressionCache();
const records = new RecordMapper(expressions, contractFieldsOf);
const settings = { site: 'acme', project_key: 'SUP' };
const methods = (resource: string) => jira.resources[resource].methods!;

/** The comment a create body produces, read back through the comment mapping. */
async function roundTrip(text: string) {
  const written = (await expressions.evaluate(methods('comments').create!.body!, {
    body: { ticket: { id: '1' }, body: text },
    settings,
  })) as { body: unknown };
  return records.map(
    jira,
    'comments',
    { id: '1', self: 'https://acme.atlassian.net/rest/api/3/issue/7/comment/1', body: written.body },
    { settings },
  );
}

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (t: string, ...marks: unknown[]) => ({
  type: 'text',
  text: t,
  ...(marks.length ? { marks } : {}),
});
const comment = (body: unknown) => ({
  id: '9',
  self: 'https://acme.atlassian.net/rest/api/3/issue/7/comment/9',
  body,
});

describe('Jira mappings: rich text', () => {
  it.each(['One line', 'Two\nlines', 'Para one\n\nPara two\nwith a break', 'Trailing blank\n\n\n\nskipped'])(
    'writes %j as ADF that reads back as the same text',
    async (input) => {
      const read = expectValid('comments', await roundTrip(input));
      expect(read.body).toBe(input.replace(/\n{3,}/g, '\n\n'));
      expect(read.html_body).toBe(
        input
          .replace(/\n{3,}/g, '\n\n')
          .split('\n\n')
          .map((para) => `<p>${para.replace(/\n/g, '<br/>')}</p>`)
          .join(''),
      );
    },
  );

  it('escapes text in HTML and keeps it verbatim in text', async () => {
    const read = await roundTrip('<script>alert("x") & co</script>');
    expect(read.body).toBe('<script>alert("x") & co</script>');
    expect(read.html_body).toBe('<p>&lt;script&gt;alert(&quot;x&quot;) &amp; co&lt;/script&gt;</p>');
  });

  it('renders nested lists, marks, tables, quotes, cards, emoji, dates and skips media', async () => {
    const body = doc(
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              p(text('a')),
              { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('a.1'))] }] },
            ],
          },
          {
            type: 'listItem',
            content: [p(text('b', { type: 'em' }), text(' c', { type: 'code' }, { type: 'strike' }))],
          },
        ],
      },
      {
        type: 'orderedList',
        attrs: { order: 3 },
        content: [{ type: 'listItem', content: [p(text('third'))] }],
      },
      {
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [
              { type: 'tableHeader', content: [p(text('H1'))] },
              { type: 'tableHeader', content: [p(text('H2'))] },
            ],
          },
          {
            type: 'tableRow',
            content: [
              { type: 'tableCell', content: [p(text('1'))] },
              { type: 'tableCell', content: [p(text('2'))] },
            ],
          },
        ],
      },
      { type: 'blockquote', content: [p(text('quoted'))] },
      { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'x', type: 'file' } }] },
      p(
        { type: 'inlineCard', attrs: { url: 'https://x.example' } },
        text(' '),
        { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } },
        text(' '),
        { type: 'date', attrs: { timestamp: '1767225600000' } },
      ),
      { type: 'rule' },
    );
    const read = expectValid('comments', await records.map(jira, 'comments', comment(body), { settings }));
    expect(read.body).toBe(
      '- a\n  - a.1\n- b c\n\n3. third\n\nH1 | H2\n1 | 2\n\n> quoted\n\nhttps://x.example 😄 2026-01-01\n\n---',
    );
    expect(read.html_body).toBe(
      '<ul><li><p>a</p><ul><li><p>a.1</p></li></ul></li><li><p><em>b</em><s><code> c</code></s></p></li></ul>' +
        '<ol><li><p>third</p></li></ol>' +
        '<table><tr><th><p>H1</p></th><th><p>H2</p></th></tr><tr><td><p>1</p></td><td><p>2</p></td></tr></table>' +
        '<blockquote><p>quoted</p></blockquote>' +
        '<p><a href="https://x.example">https://x.example</a> 😄 2026-01-01</p><hr/>',
    );
  });
});

describe('Jira mappings: status and priority categories', () => {
  const ticket = (status: unknown, resolution: unknown = null, priority: unknown = null) =>
    records.map(
      jira,
      'tickets',
      { id: '1', key: 'X-1', fields: { summary: 's', status, resolution, priority } },
      { settings },
    );
  const status = (name: string, key: string) => ({ id: '1', name, statusCategory: { key } });

  it.each([
    ['To Do', 'new', null, 'open'],
    ['Backlog', 'new', null, 'open'],
    ['Blocked', 'new', null, 'on_hold'],
    ['In Progress', 'indeterminate', null, 'in_progress'],
    ['On Hold', 'indeterminate', null, 'on_hold'],
    ['Waiting for customer', 'indeterminate', null, 'on_hold'],
    ['Waiting for support', 'indeterminate', null, 'in_progress'],
    ['Done', 'done', { name: 'Done' }, 'done'],
    ['Closed', 'done', { name: "Won't Fix" }, 'cancelled'],
    ['Closed', 'done', { name: 'Duplicate' }, 'cancelled'],
    ['Cancelled', 'done', null, 'cancelled'],
    ['Resolved', 'done', null, 'done'],
  ])('%s (%s, resolution %j) is %s', async (name, key, resolution, category) => {
    expect((await ticket(status(name, key), resolution)).status).toMatchObject({ name, category });
  });

  it.each([
    ['Highest', 'urgent'],
    ['Blocker', 'urgent'],
    ['Critical', 'urgent'],
    ['High', 'high'],
    ['Major', 'high'],
    ['Medium', 'medium'],
    ['Normal', 'medium'],
    ['Low', 'low'],
    ['Minor', 'low'],
    ['Lowest', 'low'],
    ['Trivial', 'low'],
    ['P3', null],
  ])('priority %s is %s', async (name, category) => {
    const record = expectValid('tickets', await ticket(status('To Do', 'new'), null, { id: '9', name }));
    expect(record.priority).toEqual({ id: '9', name, category });
  });
});

describe('Jira mappings: search requests', () => {
  const list = async (query: Record<string, unknown>) =>
    (await expressions.evaluate(methods('tickets').list!.query!, { query, settings }, { settings })) as {
      jql: string;
      fields: string;
    };

  it('bounds an unfiltered search (Jira refuses unbounded JQL) and orders by creation', async () => {
    expect(await list({})).toEqual({ jql: 'project IS NOT EMPTY ORDER BY created ASC', fields: '*all' });
  });

  it('writes date filters as relative minutes, widened by a minute, and quotes values', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000 - 30_000).toISOString();
    const inAnHour = new Date(Date.now() + 60 * 60_000).toISOString();
    const { jql } = await list({
      workspace_id: 'S"UP',
      updated_at: { gte: tenMinutesAgo },
      created_at: { lt: inAnHour },
    });
    expect(jql).toMatch(
      /^project = "S\\"UP" AND created < "(60|61)m" AND updated >= "-1[12]m" ORDER BY created ASC$/,
    );
  });
});
