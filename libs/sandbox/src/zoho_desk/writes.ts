/**
 * What Zoho Desk accepts and refuses in writes, and its error bodies: `{"errorCode", "message"}` with,
 * for invalid data, `errors: [{fieldName: "/subject", errorType: "missing"|"invalid", errorMessage}]`
 * (JSON Pointer field names) and status 422.
 */
import { ProviderValidationError, type EmulatorContext, type ProviderObject } from '../kit/described';
import { zohoStatusType, zohoTicketFields } from './seed';

export interface ZohoFieldError {
  fieldName: string;
  errorType: 'missing' | 'invalid';
  errorMessage: string;
}

export class ZohoInvalid extends ProviderValidationError {
  constructor(readonly errors: ZohoFieldError[]) {
    super(errors.map((e) => `${e.fieldName} ${e.errorType}`).join('; '));
  }
}

export const UNAUTHORIZED = {
  errorCode: 'INVALID_OAUTH',
  message: 'The OAuth Token you provided is invalid.',
};
export const NOT_FOUND = {
  errorCode: 'URL_NOT_FOUND',
  message: 'The URL you requested could not be found on our server.',
};

export const invalidBody = (errors: ZohoFieldError[]) => ({
  errorCode: 'INVALID_DATA',
  message: 'The data is invalid due to validation restrictions',
  errors,
});

function refuse(field: string, errorType: ZohoFieldError['errorType'], errorMessage = ''): never {
  throw new ZohoInvalid([{ fieldName: `/${field}`, errorType, errorMessage }]);
}

function requireText(input: ProviderObject, field: string): string {
  const value = input[field];
  if (value === undefined || value === null || value === '') refuse(field, 'missing');
  if (typeof value !== 'string') refuse(field, 'invalid', 'It should be a string');
  return value;
}

/** Zoho ids are numeric strings; a number or anything else is refused as invalid. */
function optionalId(input: ProviderObject, field: string, exists?: (id: string) => boolean): void {
  const value = input[field];
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || (exists && !exists(value)))
    refuse(field, 'invalid', `No ${field.replace(/Id$/, '')} with id ${String(value)}`);
}

const picklist = (apiName: string) =>
  ((zohoTicketFields().find((f) => f.apiName === apiName)?.allowedValues ?? []) as { value: string }[]).map(
    (v) => v.value,
  );

function onlyKnown(input: ProviderObject, allowed: readonly string[]): ProviderObject {
  return Object.fromEntries(Object.entries(input).filter(([k]) => allowed.includes(k)));
}

const TICKET_FIELDS = [
  'subject',
  'description',
  'status',
  'priority',
  'channel',
  'classification',
  'departmentId',
  'contactId',
  'accountId',
  'assigneeId',
  'teamId',
  'dueDate',
  'language',
  'email',
  'phone',
  'category',
  'subCategory',
  'cf',
] as const;

function checkTicket(ticket: ProviderObject, ctx: EmulatorContext): void {
  const exists = (collection: string) => (id: string) =>
    ctx.find(collection, (r) => r.id === id) !== undefined;
  optionalId(ticket, 'departmentId', exists('departments'));
  optionalId(ticket, 'contactId', exists('contacts'));
  optionalId(ticket, 'assigneeId', exists('agents'));
  optionalId(ticket, 'teamId', exists('teams'));
  optionalId(ticket, 'accountId', exists('accounts'));
  if (!picklist('status').includes(String(ticket.status)))
    refuse('status', 'invalid', 'Not a status of the layout');
  if (ticket.priority !== null && !picklist('priority').includes(String(ticket.priority)))
    refuse('priority', 'invalid', 'Not a priority of the layout');
  if (ticket.classification !== null && !picklist('classification').includes(String(ticket.classification)))
    refuse('classification', 'invalid');
}

export function createTicket(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const subject = requireText(input, 'subject');
  if (input.departmentId === undefined || input.departmentId === null) refuse('departmentId', 'missing');
  if (input.contactId === undefined || input.contactId === null) refuse('contactId', 'missing');
  const now = ctx.now();
  const id = String(ctx.nextId('tickets'));
  const contact = ctx.find('contacts', (c) => c.id === input.contactId);
  const ticket: ProviderObject = {
    id,
    ticketNumber: String(ctx.nextId('tickets', 'ticketNumber')),
    subject,
    description: null,
    status: 'Open',
    priority: null,
    channel: 'Web',
    classification: null,
    category: null,
    subCategory: null,
    language: 'English',
    accountId: contact?.accountId ?? null,
    productId: null,
    assigneeId: null,
    teamId: null,
    email: contact?.email ?? null,
    phone: null,
    dueDate: null,
    ...onlyKnown(input, TICKET_FIELDS),
    createdTime: now,
    modifiedTime: now,
    closedTime: null,
    onholdTime: null,
    customerResponseTime: now,
    responseDueDate: null,
    isSpam: false,
    isOverDue: false,
    isEscalated: false,
    isRead: true,
    threadCount: '1',
    commentCount: '0',
    sentiment: null,
    resolution: null,
    webUrl: `https://desk.zoho.com/support/zylker/ShowHomePage.do#Cases/dv/${id}`,
  };
  ticket.cf = { cf_serial_number: null, cf_refund_amount: null, ...((input.cf as object) ?? {}) };
  checkTicket(ticket, ctx);
  ticket.statusType = zohoStatusType(String(ticket.status));
  return ticket;
}

export function updateTicket(
  ticket: ProviderObject,
  input: ProviderObject,
  ctx: EmulatorContext,
): ProviderObject {
  if (input.subject !== undefined) requireText(input, 'subject');
  const updated: ProviderObject = { ...ticket, ...onlyKnown(input, TICKET_FIELDS), modifiedTime: ctx.now() };
  updated.cf = { ...(ticket.cf as object), ...((input.cf as object) ?? {}) };
  checkTicket(updated, ctx);
  updated.statusType = zohoStatusType(String(updated.status));
  if (updated.statusType === 'Closed' && ticket.statusType !== 'Closed') updated.closedTime = ctx.now();
  if (updated.statusType !== 'Closed') updated.closedTime = null;
  return updated;
}

const CONTACT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'secondaryEmail',
  'phone',
  'mobile',
  'accountId',
  'description',
  'type',
  'cf',
];

export function writeContact(create: boolean) {
  return (input: ProviderObject, ctx: EmulatorContext, contact?: ProviderObject): ProviderObject => {
    if (create || input.lastName !== undefined) requireText(input, 'lastName');
    optionalId(input, 'accountId', (id) => ctx.find('accounts', (a) => a.id === id) !== undefined);
    const now = ctx.now();
    const base: ProviderObject = contact ?? {
      id: String(ctx.nextId('contacts')),
      firstName: null,
      email: null,
      secondaryEmail: null,
      phone: null,
      mobile: null,
      accountId: null,
      description: null,
      type: null,
      ownerId: null,
      isSpam: false,
      photoURL: null,
      createdTime: now,
      cf: { cf_customer_since: null },
    };
    const written: ProviderObject = { ...base, ...onlyKnown(input, CONTACT_FIELDS), modifiedTime: now };
    written.webUrl = `https://desk.zoho.com/support/zylker/ShowHomePage.do#Contacts/dv/${String(written.id)}`;
    return written;
  };
}

const ACCOUNT_FIELDS = ['accountName', 'website', 'email', 'phone', 'industry', 'description', 'cf'];

export function writeAccount(create: boolean) {
  return (input: ProviderObject, ctx: EmulatorContext, account?: ProviderObject): ProviderObject => {
    if (create || input.accountName !== undefined) requireText(input, 'accountName');
    const now = ctx.now();
    const base: ProviderObject = account ?? {
      id: String(ctx.nextId('accounts')),
      website: null,
      email: null,
      phone: null,
      industry: null,
      description: null,
      ownerId: null,
      createdTime: now,
      cf: { cf_tier: null },
    };
    const written: ProviderObject = { ...base, ...onlyKnown(input, ACCOUNT_FIELDS), modifiedTime: now };
    written.webUrl = `https://desk.zoho.com/support/zylker/ShowHomePage.do#Accounts/dv/${String(written.id)}`;
    return written;
  };
}

export function writeComment(create: boolean, commenter: ProviderObject) {
  return (input: ProviderObject, ctx: EmulatorContext, comment?: ProviderObject): ProviderObject => {
    if (create || input.content !== undefined) requireText(input, 'content');
    const contentType = input.contentType ?? comment?.contentType ?? 'plainText';
    if (!['html', 'plainText'].includes(String(contentType))) refuse('contentType', 'invalid');
    if (input.isPublic !== undefined && typeof input.isPublic !== 'boolean') refuse('isPublic', 'invalid');
    const now = ctx.now();
    if (comment)
      return {
        ...comment,
        content: input.content ?? comment.content,
        contentType,
        isPublic: input.isPublic ?? comment.isPublic,
        modifiedTime: now,
      };
    return {
      id: String(ctx.nextId('comments')),
      ticketId: ctx.params.ticket,
      commenterId: commenter.id,
      commenter: {
        firstName: commenter.firstName,
        lastName: commenter.lastName,
        name: commenter.name,
        photoURL: null,
        roleName: 'Agent',
        type: 'AGENT',
        email: commenter.emailId,
      },
      isPublic: input.isPublic ?? true,
      contentType,
      content: input.content,
      attachments: [],
      mention: [],
      commentedTime: now,
      modifiedTime: null,
    };
  };
}
