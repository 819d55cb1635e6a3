import type { Readable } from 'node:stream';
import type { FileDownloadDefinition, FileUploadDefinition, ProviderDefinition } from '../definition';
import type { ConnectionContext, MappingOverrides } from './connection-context';
import { ProviderUnavailableError, UnsupportedMethodError } from './errors';
import { ExpressionCache, MappingError } from './expression-cache';
import { multipartBody } from './multipart-body';
import { RecordMapper, type UnifiedRecord } from './record-mapper';
import { RequestBuilder, toParams } from './request-builder';
import type { RetryingSender } from './retrying-sender';

/** A file to upload, whole: the gateway bounds its size before it gets here. */
export interface UploadedFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** A file's bytes on their way from the provider: read `body` once, or destroy it. */
export interface FileDownload {
  contentType: string;
  /** What the provider announced; absent when it streams without a length. */
  contentLength?: number;
  /** The provider's `Content-Disposition` (the file's name), passed on as it came. */
  contentDisposition?: string;
  body: Readable;
}

export interface FileCallOptions {
  query?: Record<string, unknown>;
  overrides?: MappingOverrides;
}

/** Redirects a download may take (Zendesk's content URL → its content host) before it is refused. */
const MAX_REDIRECTS = 3;

/**
 * Files of a resource (attachments), in and out, as its definition's `upload` and `download` describe
 * them (definition.ts). Uploads run the provider's own flow step by step; downloads are streamed, the
 * provider's bytes handed on as they arrive.
 */
export class AttachmentFiles {
  private readonly requests: RequestBuilder;

  constructor(
    private readonly expressions: ExpressionCache,
    private readonly sender: RetryingSender,
    private readonly records: RecordMapper,
    /** The resource's unified `get` (downloads whose URL is in the record). */
    private readonly get: (
      connection: ConnectionContext,
      resource: string,
      id: string,
      options: FileCallOptions,
    ) => Promise<UnifiedRecord>,
  ) {
    this.requests = new RequestBuilder(expressions);
  }

  async upload(
    definition: ProviderDefinition,
    connection: ConnectionContext,
    resource: string,
    fields: Record<string, unknown>,
    file: UploadedFile,
    options: FileCallOptions = {},
  ): Promise<UnifiedRecord> {
    const upload = this.uploadOf(definition, resource);
    // The record mappings read the ticket a call was made for from `$request.query.ticket_id`.
    const query = { ...(options.query ?? {}), ticket_id: fields.ticket_id };
    const steps: unknown[] = [];
    const input = {
      body: fields,
      file: { name: file.name, content_type: file.contentType, size: file.bytes.length },
      query,
      settings: connection.settings,
      steps,
    };
    const bindings = { settings: connection.settings };
    const baseUrl = await this.requests.baseUrl(definition, connection);
    for (const step of upload.steps) {
      const path = await this.expressions.evaluate(step.path, input, bindings);
      if (typeof path !== 'string' || !path.startsWith('/'))
        throw new MappingError(`an upload path of ${definition.name} is not a path: ${JSON.stringify(path)}`);
      const params = toParams(step.query ? await this.expressions.evaluate(step.query, input, bindings) : {});
      const payload =
        step.file?.as === 'multipart'
          ? multipartBody({
              field: step.file.field,
              fileName: file.name,
              contentType: file.contentType,
              bytes: file.bytes,
            })
          : step.file?.as === 'raw'
            ? { body: file.bytes, contentType: file.contentType }
            : {
                body: step.body ? await this.expressions.evaluate(step.body, input, bindings) : undefined,
                contentType: undefined,
              };
      const response = await this.sender.send(
        definition,
        connection,
        {
          method: step.method,
          url: `${baseUrl}${path}`,
          params,
          body: payload.body,
          contentType: payload.contentType,
          extraHeaders: step.headers,
        },
        resource,
      );
      steps.push(response.body);
    }
    const object = await this.expressions.evaluate(upload.response, input, bindings);
    if (typeof object !== 'object' || object === null || Array.isArray(object))
      throw new MappingError(`the ${resource} upload of ${definition.name} did not answer one object`);
    return this.records.map(definition, resource, object, {
      settings: connection.settings,
      request: { query },
      overrides: options.overrides,
    });
  }

  async download(
    definition: ProviderDefinition,
    connection: ConnectionContext,
    resource: string,
    id: string,
    options: FileCallOptions = {},
  ): Promise<FileDownload> {
    const download = this.downloadOf(definition, resource);
    const baseUrl = await this.requests.baseUrl(definition, connection);
    let { url, params } = await this.source(definition, connection, resource, id, download, options);
    for (let redirects = 0; ; redirects++) {
      const base = new URL(baseUrl);
      const own = url.origin === base.origin;
      if (!own && !onHosts(url, download.redirectHosts ?? [], base.protocol))
        throw new ProviderUnavailableError(
          `${definition.name} placed the ${resource} content at ${url.host}, which is not one of its hosts`,
          false,
        );
      const answer = await this.sender.sendStream(
        definition,
        connection,
        { url: url.toString(), params, credentials: own },
        resource,
      );
      if (answer.status < 300) {
        const length = Number(answer.headers['content-length']);
        return {
          contentType: answer.headers['content-type'] ?? 'application/octet-stream',
          contentLength: Number.isSafeInteger(length) && length >= 0 ? length : undefined,
          contentDisposition: answer.headers['content-disposition'],
          body: answer.body,
        };
      }
      answer.body.destroy();
      const location = answer.headers.location;
      if (!location || redirects >= MAX_REDIRECTS)
        throw new ProviderUnavailableError(
          `${definition.name} answered the ${resource} content with ${answer.status} and no usable redirect`,
          false,
        );
      url = new URL(location, url);
      params = {};
    }
  }

  supportsUpload(definition: ProviderDefinition, resource: string): boolean {
    return definition.resources[resource]?.upload !== undefined;
  }

  supportsDownload(definition: ProviderDefinition, resource: string): boolean {
    return definition.resources[resource]?.download !== undefined;
  }

  /** Where the download starts: a request on the API, or the content URL in the record. */
  private async source(
    definition: ProviderDefinition,
    connection: ConnectionContext,
    resource: string,
    id: string,
    download: FileDownloadDefinition,
    options: FileCallOptions,
  ): Promise<{ url: URL; params: Record<string, string> }> {
    const baseUrl = await this.requests.baseUrl(definition, connection);
    if (download.fromRecord !== undefined) {
      const record = await this.get(connection, resource, id, options);
      const target = await this.expressions.evaluate(download.fromRecord, record);
      if (typeof target !== 'string' || !/^https?:\/\//.test(target))
        throw new MappingError(`the ${resource} ${id} of ${definition.name} has no content URL`);
      return { url: new URL(target), params: {} };
    }
    const input = { id, query: options.query ?? {}, settings: connection.settings };
    const bindings = { settings: connection.settings };
    const path = await this.expressions.evaluate(download.path, input, bindings);
    if (typeof path !== 'string' || !path.startsWith('/'))
      throw new MappingError(
        `the download path of ${definition.name} is not a path: ${JSON.stringify(path)}`,
      );
    const query = download.query ? await this.expressions.evaluate(download.query, input, bindings) : {};
    return { url: new URL(`${baseUrl}${path}`), params: toParams(query) };
  }

  private uploadOf(definition: ProviderDefinition, resource: string): FileUploadDefinition {
    const upload = definition.resources[resource]?.upload;
    if (!upload) throw new UnsupportedMethodError(definition.name, resource, 'upload');
    return upload;
  }

  private downloadOf(definition: ProviderDefinition, resource: string): FileDownloadDefinition {
    const download = definition.resources[resource]?.download;
    if (!download) throw new UnsupportedMethodError(definition.name, resource, 'download');
    return download;
  }
}

/**
 * `files.example.com` or `*.example.com` (any subdomain), over HTTPS, or plain HTTP where the connection
 * itself is (an emulator, a self-hosted instance on a private network).
 */
function onHosts(url: URL, hosts: string[], baseProtocol: string): boolean {
  if (url.protocol !== 'https:' && url.protocol !== baseProtocol) return false;
  return hosts.some((host) =>
    host.startsWith('*.') ? url.hostname.endsWith(host.slice(1)) : url.hostname === host,
  );
}
