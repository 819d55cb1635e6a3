import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  /** The part's field name (Jira: `file`). */
  field: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * A `multipart/form-data` body (RFC 7578) holding one file. The file name is a quoted string (RFC 2616
 * §2.2: `"` and `\` escaped with a backslash, which the providers' parsers undo); CR and LF become spaces
 * so a name cannot end the header or add one; other characters travel as UTF-8.
 */
export function multipartBody(file: MultipartFile): { contentType: string; body: Buffer } {
  const boundary = `----unified-ticketing-${randomBytes(16).toString('hex')}`;
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.fileName)}"\r\n` +
    `Content-Type: ${file.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([Buffer.from(head, 'utf8'), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

function quoted(value: string): string {
  return value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ');
}
