import type { EmulatorContext, EmulatorPaging, PageInfo, ProviderObject } from './description';

export type Page =
  { items: ProviderObject[]; info: PageInfo; headers: Record<string, string> } | { refused: string };

/** Cuts a list's matching records into the requested page, the way the description's provider does. */
export function pageOf(records: ProviderObject[], paging: EmulatorPaging, ctx: EmulatorContext): Page {
  const total = records.length;
  switch (paging.style) {
    case 'none':
      return { items: records, info: { page: 1, size: total, total, totalPages: 1 }, headers: {} };
    case 'page-number': {
      const size = requestedSize(ctx.query[paging.sizeParam], paging.defaultSize);
      const page = Math.max(1, Math.floor(Number(ctx.query[paging.pageParam] ?? 1)) || 1);
      if (size > paging.maxSize && paging.refuseOversize)
        return { refused: `${paging.sizeParam} must be at most ${paging.maxSize}` };
      const effective = Math.min(size, paging.maxSize);
      const totalPages = Math.max(1, Math.ceil(total / effective));
      const items = records.slice((page - 1) * effective, page * effective);
      const nextUrl =
        page < totalPages
          ? urlWith(ctx, { [paging.pageParam]: String(page + 1), [paging.sizeParam]: String(effective) })
          : undefined;
      const info: PageInfo = { page, size: effective, total, totalPages, nextUrl };
      const headers: Record<string, string> = { ...(paging.headers?.(info) ?? {}) };
      if (paging.linkHeader && nextUrl) headers.link = `<${nextUrl}>; rel="next"`;
      return { items, info, headers };
    }
    case 'offset': {
      const requested = requestedSize(ctx.query[paging.sizeParam], paging.defaultSize);
      const size = Math.min(requested, paging.maxSize);
      const start = Math.max(0, Math.floor(Number(ctx.query[paging.startParam] ?? 0)) || 0);
      const items = records.slice(start, start + size);
      const at = (from: number) =>
        urlWith(ctx, { [paging.startParam]: String(from), [paging.sizeParam]: String(requested) });
      const info: PageInfo = {
        page: Math.floor(start / size) + 1,
        size,
        total,
        totalPages: Math.max(1, Math.ceil(total / size)),
        start,
        requested,
        nextUrl: start + items.length < total ? at(start + items.length) : undefined,
        prevUrl: start > 0 ? at(Math.max(0, start - size)) : undefined,
      };
      return { items, info, headers: paging.headers?.(info) ?? {} };
    }
    case 'cursor': {
      const size = Math.min(requestedSize(ctx.query[paging.sizeParam], paging.defaultSize), paging.maxSize);
      const token = ctx.query[paging.cursorParam];
      const start = token ? decodeStart(token) : 0;
      if (start === undefined) return { refused: `${paging.cursorParam} is not a valid cursor` };
      const items = records.slice(start, start + size);
      const nextCursor = start + size < total ? encodeStart(start + size) : undefined;
      const info: PageInfo = {
        page: Math.floor(start / size) + 1,
        size,
        total,
        totalPages: Math.max(1, Math.ceil(total / size)),
        nextCursor,
        nextUrl: nextCursor ? urlWith(ctx, { [paging.cursorParam]: nextCursor }) : undefined,
      };
      return { items, info, headers: {} };
    }
  }
}

function requestedSize(value: string | undefined, fallback: number): number {
  const n = Math.floor(Number(value));
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function urlWith(ctx: EmulatorContext, changes: Record<string, string>): string {
  const url = new URL(ctx.request.url, ctx.baseUrl());
  for (const [k, v] of Object.entries(changes)) url.searchParams.set(k, v);
  return url.toString();
}

// Opaque to clients, as providers' cursors are; the emulator's own format is an encoded offset.
const encodeStart = (start: number) => Buffer.from(`start:${start}`).toString('base64url');

function decodeStart(token: string): number | undefined {
  const match = /^start:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
