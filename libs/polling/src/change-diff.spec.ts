import type { KnownVersion } from '@app/store';
import { advancedWatermark, changedAtOf, changedRecords, deletedRecords, updatedFrom } from './change-diff';

const known = (
  remoteId: string,
  contentHash: string,
  updatedAt = '2026-01-01T00:00:00.000Z',
): KnownVersion => ({
  remoteId,
  parentId: null,
  contentHash,
  updatedAt,
});

describe('changedRecords', () => {
  it('compares the hash the poll block names, and publishes it as the content hash', () => {
    const versions = new Map([['1', known('1', '"compared-1"')]]);
    const compared = (r: { id: string }) => `"compared-${r.id}"`;
    const changes = changedRecords(
      [
        { id: '1', etag: '"etag-differs"' },
        { id: '2', etag: '"e2"' },
      ],
      versions,
      compared,
    );
    expect(changes.map((c) => [c.action, c.remoteId, c.contentHash, c.data.etag])).toEqual([
      ['created', '2', '"compared-2"', '"e2"'],
    ]);
  });

  it('publishes records never published as created, changed hashes as updated, and equal ones not at all', () => {
    const versions = new Map([
      ['1', known('1', '"a"')],
      ['2', known('2', '"b"')],
    ]);
    const changes = changedRecords(
      [
        { id: '1', etag: '"a"' },
        { id: '2', etag: '"b2"' },
        { id: '3', etag: '"c"' },
      ],
      versions,
    );
    expect(changes.map((c) => [c.action, c.remoteId, c.contentHash])).toEqual([
      ['updated', '2', '"b2"'],
      ['created', '3', '"c"'],
    ]);
  });

  it('judges a record listed twice in one pass once', () => {
    expect(
      changedRecords(
        [
          { id: '9', etag: '"x"' },
          { id: '9', etag: '"x"' },
        ],
        new Map(),
      ),
    ).toHaveLength(1);
  });
});

describe('deletedRecords', () => {
  const started = new Date('2026-01-01T00:10:00.000Z');

  it('deletes known records missing from a whole listing, with the last hash published', () => {
    const gone = deletedRecords([known('1', '"a"'), known('2', '"b"')], new Set(['1']), started);
    expect(gone).toEqual([{ action: 'deleted', remoteId: '2', data: { id: '2' }, contentHash: '"b"' }]);
  });

  it('keeps records recorded after the listing began (announced by a webhook meanwhile)', () => {
    expect(deletedRecords([known('3', '"c"', '2026-01-01T00:10:01.000Z')], new Set(), started)).toEqual([]);
  });
});

describe('advancedWatermark', () => {
  it('moves to the newest updated_at and never back', () => {
    const records = [
      { id: '1', etag: 'x', updated_at: '2026-01-01T00:05:00Z' },
      { id: '2', etag: 'y', updated_at: '2026-01-01T00:07:00Z' },
      { id: '3', etag: 'z', updated_at: null },
    ];
    expect(advancedWatermark('2026-01-01T00:06:00.000Z', records)).toBe('2026-01-01T00:07:00.000Z');
    expect(advancedWatermark('2026-01-02T00:00:00.000Z', records)).toBe('2026-01-02T00:00:00.000Z');
    expect(advancedWatermark(null, [])).toBeNull();
  });
});

describe('updatedFrom (a page of a list sorted newest-updated first)', () => {
  const page = [
    { id: '1', etag: 'a', updated_at: '2026-01-01T00:09:00Z' },
    { id: '2', etag: 'b', updated_at: '2026-01-01T00:08:00Z' },
    { id: '3', etag: 'c', updated_at: '2026-01-01T00:07:59Z' },
  ];

  it('keeps the records updated at or after the start of the window, not those before', () => {
    expect(updatedFrom(page, '2026-01-01T00:08:00.000Z').map((r) => r.id)).toEqual(['1', '2']);
  });

  it('keeps every record without a window (no watermark yet), or whose updated_at cannot be read', () => {
    expect(updatedFrom(page, null)).toHaveLength(3);
    expect(updatedFrom([{ id: '4', etag: 'd' }], '2026-01-01T00:08:00.000Z')).toHaveLength(1);
  });
});

describe('changedAtOf (what the webhook grace is measured from)', () => {
  it('is the update time, else the creation time of a record that only has one (Zendesk comments)', () => {
    const created = '2026-12-05T10:00:00.000Z';
    const updated = '2026-12-05T11:00:00.000Z';
    expect(changedAtOf({ created_at: created, updated_at: updated })).toBe(Date.parse(updated));
    expect(changedAtOf({ created_at: created, updated_at: null })).toBe(Date.parse(created));
    expect(changedAtOf({ created_at: created })).toBe(Date.parse(created));
    expect(changedAtOf({ id: 'x' })).toBeNaN();
  });
});
