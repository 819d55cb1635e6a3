import { ApiError } from '@app/http';
import { contractFieldsOf } from '@app/unified-models';
import { recordViewOf, viewOf } from './field-selection';

const record = {
  id: '7',
  name: 'Printer on fire',
  description: 'smoke',
  status: { id: 'open' },
  etag: '"e1"',
  remote_data: { number: 7 },
};

function refusal(run: () => unknown): { status: number; message: string; details: unknown } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const body = error.getResponse() as { message: string; details: unknown };
    return { status: error.getStatus(), message: body.message, details: body.details };
  }
  throw new Error('not refused');
}

describe('field selection', () => {
  it('leaves remote_data out unless asked, by include_remote_data or by fields', () => {
    expect(viewOf(record, recordViewOf('tickets', {}))).not.toHaveProperty('remote_data');
    expect(viewOf(record, recordViewOf('tickets', { remoteData: false }))).not.toHaveProperty('remote_data');
    expect(viewOf(record, recordViewOf('tickets', { remoteData: true }))).toEqual(record);
    expect(viewOf(record, recordViewOf('tickets', { fields: ['remote_data'] }))).toEqual({
      id: '7',
      remote_data: { number: 7 },
    });
  });

  it('answers only the fields asked for, with id, in the contract order', () => {
    const view = recordViewOf('tickets', { fields: ['status', 'name'] });
    const picked = viewOf(record, view);
    expect(picked).toEqual({ id: '7', name: 'Printer on fire', status: { id: 'open' } });
    expect(Object.keys(picked)).toEqual(['id', 'name', 'status']);
    expect(
      viewOf(record, recordViewOf('tickets', { fields: ['etag', 'remote_data'], remoteData: true })),
    ).toEqual({
      id: '7',
      etag: '"e1"',
      remote_data: { number: 7 },
    });
  });

  it('refuses an unknown field naming it and the valid ones', () => {
    const refused = refusal(() => recordViewOf('tickets', { fields: ['name', 'subject', 'titel'] }));
    expect(refused.status).toBe(400);
    expect(refused.message).toBe('fields: subject, titel are not fields of tickets');
    expect(refused.details).toEqual({
      unknown: ['subject', 'titel'],
      valid: [...contractFieldsOf('tickets'), 'remote_data'],
    });
    // A field of another resource is not one of this one's.
    expect(refusal(() => recordViewOf('tags', { fields: ['assignees'] })).message).toBe(
      'fields: assignees is not a field of tags',
    );
  });

  it('lets fields ask for remote_data whatever include_remote_data says (false is the default)', () => {
    expect(viewOf(record, recordViewOf('tickets', { fields: ['remote_data'], remoteData: false }))).toEqual({
      id: '7',
      remote_data: { number: 7 },
    });
  });
});
