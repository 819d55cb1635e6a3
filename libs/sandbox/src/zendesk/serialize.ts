import type {
  ZdAttachment,
  ZdBrand,
  ZdComment,
  ZdCustomStatus,
  ZdGroup,
  ZdOrganization,
  ZdTicket,
  ZdTicketField,
  ZdUser,
  ZdView,
} from './model';

/**
 * Zendesk's JSON for each record, key for key as the Support API documents it (and as the recorded
 * tickets list in the corpus shows). `base` is the emulator's origin, used for `url` and content URLs.
 */
export function ticketJson(t: ZdTicket, base: string): Record<string, unknown> {
  const custom = t.custom_fields.map((f) => ({ id: f.id, value: f.value }));
  return {
    url: `${base}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: t.external_id,
    via: { channel: t.channel, source: { from: {}, to: {}, rel: null } },
    created_at: t.created_at,
    updated_at: t.updated_at,
    generated_timestamp: Math.floor(Date.parse(t.updated_at) / 1000),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    custom_status_id: t.custom_status_id,
    recipient: null,
    requester_id: t.requester_id,
    submitter_id: t.submitter_id,
    assignee_id: t.assignee_id,
    organization_id: t.organization_id,
    group_id: t.group_id,
    collaborator_ids: [...t.collaborator_ids],
    follower_ids: [...t.follower_ids],
    email_cc_ids: [...t.email_cc_ids],
    forum_topic_id: null,
    problem_id: t.problem_id,
    has_incidents: false,
    is_public: t.is_public,
    due_at: t.due_at,
    tags: [...t.tags],
    custom_fields: custom,
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    fields: custom.map((f) => ({ ...f })),
    followup_ids: [],
    ticket_form_id: t.ticket_form_id,
    brand_id: t.brand_id,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}

export function attachmentJson(a: ZdAttachment, base: string): Record<string, unknown> {
  return {
    url: `${base}/api/v2/attachments/${a.id}.json`,
    id: a.id,
    file_name: a.file_name,
    content_url: `${base}/attachments/token/tok${a.id}/?name=${encodeURIComponent(a.file_name)}`,
    mapped_content_url: `${base}/attachments/token/tok${a.id}/?name=${encodeURIComponent(a.file_name)}`,
    content_type: a.content_type,
    size: a.size,
    width: null,
    height: null,
    inline: a.inline,
    deleted: false,
    malware_access_override: false,
    malware_scan_result: 'malware_not_found',
    thumbnails: [],
  };
}

export function commentJson(c: ZdComment, base: string): Record<string, unknown> {
  return {
    id: c.id,
    type: 'Comment',
    author_id: c.author_id,
    body: c.body,
    html_body: c.html_body,
    plain_body: c.body,
    public: c.public,
    attachments: c.attachments.map((a) => attachmentJson(a, base)),
    audit_id: c.audit_id,
    via: { channel: c.channel, source: { from: {}, to: {}, rel: null } },
    created_at: c.created_at,
    metadata: { system: {}, custom: {} },
  };
}

export function userJson(u: ZdUser, base: string): Record<string, unknown> {
  return {
    id: u.id,
    url: `${base}/api/v2/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    created_at: u.created_at,
    updated_at: u.updated_at,
    time_zone: 'Europe/Paris',
    iana_time_zone: 'Europe/Paris',
    phone: u.phone,
    shared_phone_number: null,
    photo: u.role === 'end-user' ? null : { content_url: `${base}/system/photos/${u.id}/avatar.png` },
    locale_id: 1,
    locale: 'en-US',
    organization_id: u.organization_id,
    role: u.role,
    verified: u.verified,
    external_id: null,
    tags: [...u.tags],
    alias: null,
    active: u.active,
    shared: false,
    shared_agent: false,
    last_login_at: u.role === 'end-user' ? null : u.updated_at,
    two_factor_auth_enabled: null,
    signature: null,
    details: u.details,
    notes: u.notes,
    role_type: null,
    custom_role_id: null,
    moderator: u.role !== 'end-user',
    ticket_restriction: u.role === 'end-user' ? 'requested' : null,
    only_private_comments: false,
    restricted_agent: u.role === 'agent',
    suspended: u.suspended,
    default_group_id: u.default_group_id,
    report_csv: false,
    user_fields: { ...u.user_fields },
  };
}

export function organizationJson(o: ZdOrganization, base: string): Record<string, unknown> {
  return {
    url: `${base}/api/v2/organizations/${o.id}.json`,
    id: o.id,
    name: o.name,
    shared_tickets: false,
    shared_comments: false,
    external_id: o.external_id,
    created_at: o.created_at,
    updated_at: o.updated_at,
    domain_names: [...o.domain_names],
    details: o.details,
    notes: o.notes,
    group_id: o.group_id,
    tags: [...o.tags],
    organization_fields: {},
  };
}

export function groupJson(g: ZdGroup, base: string): Record<string, unknown> {
  return {
    url: `${base}/api/v2/groups/${g.id}.json`,
    id: g.id,
    is_public: g.is_public,
    name: g.name,
    description: g.description,
    default: g.default,
    deleted: false,
    created_at: g.created_at,
    updated_at: g.updated_at,
  };
}

export function brandJson(b: ZdBrand, base: string): Record<string, unknown> {
  return {
    url: `${base}/api/v2/brands/${b.id}.json`,
    id: b.id,
    name: b.name,
    brand_url: `https://${b.subdomain}.zendesk.com`,
    subdomain: b.subdomain,
    host_mapping: null,
    has_help_center: false,
    help_center_state: 'disabled',
    active: b.active,
    default: b.default,
    is_deleted: false,
    logo: null,
    ticket_form_ids: [500],
    signature_template: '{{agent.signature}}',
    created_at: b.created_at,
    updated_at: b.updated_at,
  };
}

export function customStatusJson(s: ZdCustomStatus, base: string): Record<string, unknown> {
  return {
    url: `${base}/api/v2/custom_statuses/${s.id}.json`,
    id: s.id,
    status_category: s.status_category,
    agent_label: s.agent_label,
    raw_agent_label: s.agent_label,
    end_user_label: s.end_user_label,
    raw_end_user_label: s.end_user_label,
    description: s.description,
    raw_description: s.description,
    end_user_description: s.end_user_description,
    raw_end_user_description: s.end_user_description,
    active: s.active,
    default: s.default,
    created_at: s.created_at,
    updated_at: s.updated_at,
  };
}

export function ticketFieldJson(f: ZdTicketField, base: string): Record<string, unknown> {
  return {
    url: `${base}/api/v2/ticket_fields/${f.id}.json`,
    id: f.id,
    type: f.type,
    title: f.title,
    raw_title: f.title,
    description: f.description,
    raw_description: f.description,
    position: f.position,
    active: f.active,
    required: f.required,
    collapsed_for_agents: false,
    regexp_for_validation: f.regexp_for_validation,
    title_in_portal: f.title,
    raw_title_in_portal: f.title,
    visible_in_portal: f.visible_in_portal,
    editable_in_portal: f.editable_in_portal,
    required_in_portal: false,
    agent_can_edit: true,
    tag: f.tag,
    created_at: f.created_at,
    updated_at: f.updated_at,
    removable: f.removable,
    key: null,
    agent_description: null,
    ...(f.custom_field_options
      ? {
          custom_field_options: f.custom_field_options.map((o) => ({
            id: o.id,
            name: o.name,
            raw_name: o.name,
            value: o.value,
            default: o.default ?? false,
          })),
        }
      : {}),
    ...(f.system_field_options
      ? { system_field_options: f.system_field_options.map((o) => ({ ...o })) }
      : {}),
  };
}

export function viewJson(v: ZdView, base: string): Record<string, unknown> {
  return {
    url: `${base}/api/v2/views/${v.id}.json`,
    id: v.id,
    title: v.title,
    raw_title: v.title,
    description: v.description,
    active: v.active,
    position: v.position,
    default: false,
    restriction: null,
    execution: { group_by: null, sort_by: 'created_at', sort_order: 'desc', columns: [] },
    conditions: { all: v.conditions.all.map((c) => ({ ...c })), any: [] },
    created_at: v.created_at,
    updated_at: v.updated_at,
  };
}
