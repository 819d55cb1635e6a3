import { ApiError } from '@app/http';
import { ifMatchHolds, isNotModified, parseEntityTags, preconditionFailed } from './conditional-requests';

const ETAG = '"abc123"';

describe('precondition headers', () => {
  it('read *, one tag, lists with weak tags and empty elements', () => {
    expect(parseEntityTags(undefined, 'If-Match')).toBeUndefined();
    expect(parseEntityTags(' * ', 'If-Match')).toEqual({ any: true });
    expect(parseEntityTags('"a", W/"b" ,, "c,d"', 'If-None-Match')).toEqual({
      any: false,
      tags: [
        { weak: false, opaque: '"a"' },
        { weak: true, opaque: '"b"' },
        { weak: false, opaque: '"c,d"' },
      ],
    });
  });

  it.each([
    ['abc'],
    [''],
    [' , '],
    ['"a" b'],
    ['w/"a"'],
    ['"a"x'],
    ['*, "a"'],
    ['"a b"'],
    ['"a'],
    ['W/ "a"'],
  ])('refuse %p with a 400 that says how the header must look', (header) => {
    let thrown: unknown;
    try {
      parseEntityTags(header, 'If-Match');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).getStatus()).toBe(400);
    expect((thrown as ApiError).message).toMatch(/If-Match must be \* or a list of entity tags/);
  });
});

describe('If-Match', () => {
  it('holds for the current etag by strong comparison only', () => {
    expect(ifMatchHolds(parseEntityTags(ETAG, 'If-Match')!, ETAG)).toBe(true);
    expect(ifMatchHolds(parseEntityTags(`"old", ${ETAG}`, 'If-Match')!, ETAG)).toBe(true);
    expect(ifMatchHolds(parseEntityTags('"old"', 'If-Match')!, ETAG)).toBe(false);
    expect(ifMatchHolds(parseEntityTags(`W/${ETAG}`, 'If-Match')!, ETAG)).toBe(false);
  });

  it('* means the record exists; nothing matches a record that does not', () => {
    expect(ifMatchHolds({ any: true }, ETAG)).toBe(true);
    expect(ifMatchHolds({ any: true }, null)).toBe(false);
    expect(ifMatchHolds(parseEntityTags(ETAG, 'If-Match')!, null)).toBe(false);
  });

  it('fails with 412 naming the current etag, in the API error shape', () => {
    const error = preconditionFailed('tickets', '7', ETAG, parseEntityTags('"old"', 'If-Match')!);
    expect(error.getStatus()).toBe(412);
    expect(error.getResponse()).toEqual({
      statusCode: 412,
      error: 'Precondition Failed',
      message: expect.stringContaining(`its etag is now ${ETAG}`),
      details: { resource: 'tickets', id: '7', current_etag: ETAG, if_match: ['"old"'] },
    });
    expect(error.headers).toEqual({ etag: ETAG });
    const gone = preconditionFailed('tickets', '7', null, { any: true });
    expect(gone.getResponse()).toMatchObject({ details: { current_etag: null, if_match: '*' } });
    expect(gone.headers).toEqual({});
  });
});

describe('If-None-Match', () => {
  it('is "not modified" for the current etag by weak comparison, and for *', () => {
    expect(isNotModified(parseEntityTags(ETAG, 'If-None-Match')!, ETAG)).toBe(true);
    expect(isNotModified(parseEntityTags(`W/${ETAG}`, 'If-None-Match')!, ETAG)).toBe(true);
    expect(isNotModified(parseEntityTags('"other"', 'If-None-Match')!, ETAG)).toBe(false);
    expect(isNotModified({ any: true }, ETAG)).toBe(true);
  });
});
