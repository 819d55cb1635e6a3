import { documentedHeaders } from './corpus';

describe('documentedHeaders', () => {
  it('reads indented header lines after the line naming headers', () => {
    const source =
      'File: x.json\nDelivery headers (documented):\n  X-Zendesk-Webhook-Id: 01F1\n  Content-Type: application/json (or form-encoded)\n';
    expect(documentedHeaders(source)).toEqual({
      'content-type': 'application/json',
      'x-zendesk-webhook-id': '01F1',
    });
  });

  it('reads an inline list even when it is the first mention of headers', () => {
    const source =
      'repository: x\nProvider headers: X-GitHub-Event: issue_comment, X-GitHub-Delivery: <GUID>\nNature: y';
    expect(documentedHeaders(source)).toEqual({
      'content-type': 'application/json',
      'x-github-event': 'issue_comment',
      'x-github-delivery': '<GUID>',
    });
  });
});
