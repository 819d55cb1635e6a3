import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { ValidationError } from 'class-validator';
import {
  CREATE_DTOS,
  CreateCommentDto,
  CreateTicketDto,
  UPDATE_DTOS,
  UpdateCommentDto,
  UpdateTicketDto,
} from './dto';
import type { DtoClass } from './dto';
import { EXAMPLE_RECORDS } from './examples';
import { READ_ONLY_FIELDS, UNIFIED_RESOURCES } from './resources';

/** Validates like Nest's ValidationPipe({ whitelist, forbidNonWhitelisted, transform }). */
function check(dto: DtoClass, body: object): ValidationError[] {
  return validateSync(plainToInstance(dto, body), { whitelist: true, forbidNonWhitelisted: true });
}

/** `property` or `parent.child` → constraint names, for every leaf error. */
function flatten(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = `${prefix}${error.property}`;
    if (error.constraints) out[path] = Object.keys(error.constraints).sort();
    Object.assign(out, flatten(error.children ?? [], `${path}.`));
  }
  return out;
}

function writableBody(record: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => !(READ_ONLY_FIELDS as readonly string[]).includes(key)),
  );
}

const goodTicket = {
  name: 'Checkout fails with 502',
  description: 'Since 14:00 UTC',
  status: { id: '3' },
  priority: { id: '2', category: 'high' },
  created_by: { id: '7', type: 'contact' },
  assignees: [{ id: '5b10ac8d' }],
  collections: [{ id: '10110', type: 'epic' }],
  tags: [{ id: 'regression', name: 'regression' }],
  due_date: '2026-02-05',
  completed_at: null,
  ticket_url: 'https://acme.atlassian.net/browse/PAY-42',
  languages: ['en'],
  is_unread: false,
  custom_fields: { customfield_10050: 'prod' },
};

describe('create DTOs', () => {
  it('accept a good ticket', () => {
    expect(flatten(check(CreateTicketDto, goodTicket))).toEqual({});
  });

  it.each(UNIFIED_RESOURCES.map((r) => [r]))(
    'accept the writable part of the %s example record',
    (resource) => {
      expect(flatten(check(CREATE_DTOS[resource], writableBody(EXAMPLE_RECORDS[resource])))).toEqual({});
      expect(flatten(check(UPDATE_DTOS[resource], writableBody(EXAMPLE_RECORDS[resource])))).toEqual({});
    },
  );

  it('report each bad ticket field', () => {
    const errors = flatten(
      check(CreateTicketDto, {
        name: '',
        number: 42,
        assignees: { id: '1' },
        status: { id: '3', category: 'closed' },
        created_by: { id: '7', type: 'agent' },
        due_date: '2026-02-30',
        workspace: 'PAY',
        collections: [{ id: '1', type: 'label' }],
        tags: [{ name: 'no id' }],
        completed_at: '2026-02-03T10:00:00',
        ticket_url: 'not a url',
        priority: { id: '2', category: 'p0' },
        languages: [1],
        is_unread: 'no',
        custom_fields: 'x',
      }),
    );
    expect(errors).toEqual({
      name: ['isNotEmpty'],
      number: ['isString'],
      assignees: ['isArray'],
      'status.category': ['isIn'],
      'created_by.type': ['isIn'],
      due_date: ['isIsoDateOrDateTime'],
      workspace: ['isObject', 'nestedValidation'],
      'collections.0.type': ['isIn'],
      'tags.0.id': ['isDefined', 'isNotEmpty', 'isString'],
      completed_at: ['isIsoDateTime'],
      ticket_url: ['matches'],
      'priority.category': ['isIn'],
      languages: ['isString'],
      is_unread: ['isBoolean'],
      custom_fields: ['isObject'],
    });
  });

  it('require a name and refuse the read-only fields and unknown ones', () => {
    const errors = flatten(
      check(CreateTicketDto, { id: '1', created_at: '2026-01-01T00:00:00Z', etag: 'x', subject: 'typo' }),
    );
    expect(errors).toEqual({
      name: ['isDefined', 'isNotEmpty', 'isString'],
      id: ['whitelistValidation'],
      created_at: ['whitelistValidation'],
      etag: ['whitelistValidation'],
      subject: ['whitelistValidation'],
    });
  });

  it('need a comment body or html_body and a ticket', () => {
    expect(flatten(check(CreateCommentDto, { ticket: { id: '1' }, body: 'hi' }))).toEqual({});
    expect(flatten(check(CreateCommentDto, { ticket: { id: '1' }, html_body: '<p>hi</p>' }))).toEqual({});
    expect(Object.keys(flatten(check(CreateCommentDto, { html_body: null })))).toEqual(['body', 'ticket']);
    expect(
      Object.keys(flatten(check(CreateCommentDto, { ticket: { id: '1' }, body: 3, html_body: 'x' }))),
    ).toEqual(['body']);
  });
});

describe('update DTOs', () => {
  it('accept an empty body and any subset of good fields', () => {
    expect(flatten(check(UpdateTicketDto, {}))).toEqual({});
    expect(flatten(check(UpdateTicketDto, { status: { id: '5' } }))).toEqual({});
    expect(flatten(check(UpdateCommentDto, { is_internal: true }))).toEqual({});
  });

  it('clear nullable fields with null but refuse null where a value is required', () => {
    expect(flatten(check(UpdateTicketDto, { due_date: null, assignees: null, priority: null }))).toEqual({});
    expect(Object.keys(flatten(check(UpdateTicketDto, { name: null })))).toEqual(['name']);
  });

  it('still validate what is given', () => {
    expect(flatten(check(UpdateTicketDto, { status: { category: 'done' }, is_unread: 1 }))).toEqual({
      'status.id': ['isDefined', 'isNotEmpty', 'isString'],
      is_unread: ['isBoolean'],
    });
  });
});
