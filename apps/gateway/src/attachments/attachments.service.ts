import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '@app/http';
import {
  ProviderClient,
  type ConnectionContext,
  type FileDownload,
  type MappingOverrides,
} from '@app/providers';
import { ConnectionsService } from '../connections/connections.service';
import { STORE, type Store } from '../store.provider';
import { recordViewOf, viewOf } from '../unified/field-selection';
import type { UnifiedQuery } from '../unified/unified-query';
import type { UploadRequest } from './upload-request';

const RESOURCE = 'attachments';

/** Files of unified attachments: uploaded through the provider's own flow, downloaded as it serves them. */
@Injectable()
export class AttachmentsService {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly connections: ConnectionsService,
    private readonly client: ProviderClient,
  ) {}

  /** The created attachment, as a unified create answers (or the provider's object with `raw`). */
  async upload(tenantId: string, q: UnifiedQuery, upload: UploadRequest): Promise<unknown> {
    const { connection, overrides } = await this.prepare(tenantId, q, 'upload');
    const record = await this.call(connection, () =>
      this.client.upload(connection, RESOURCE, upload.fields, upload.file, { query: q.query, overrides }),
    );
    return q.raw ? record.remote_data : viewOf(record, recordViewOf(RESOURCE, { remoteData: q.remoteData }));
  }

  async download(tenantId: string, id: string, q: UnifiedQuery): Promise<FileDownload> {
    if (q.raw) throw new ApiError(400, 'response_format does not apply to file content: it is the file');
    const { connection, overrides } = await this.prepare(tenantId, q, 'download');
    return this.call(connection, () =>
      this.client.download(connection, RESOURCE, id, { query: q.query, overrides }),
    );
  }

  private async prepare(
    tenantId: string,
    q: UnifiedQuery,
    direction: 'upload' | 'download',
  ): Promise<{ connection: ConnectionContext; overrides: MappingOverrides }> {
    if (q.fields)
      throw new ApiError(400, 'fields applies to list and get; file calls carry the whole record');
    const connection = await this.connections.context(tenantId, q.connectionId);
    if (!this.client.supportsFiles(connection.provider, RESOURCE, direction)) {
      const what = direction === 'upload' ? 'uploading' : 'downloading';
      throw new ApiError(
        400,
        `${connection.provider} does not support ${what} attachment files: its API offers no way to ${direction === 'upload' ? 'attach a file to a ticket' : 'read an attachment file'}`,
        { provider: connection.provider, resource: RESOURCE, method: direction },
      );
    }
    const layers = await this.store.overrides.layersFor(tenantId, connection.id);
    return { connection, overrides: { ...layers, tenantId, connectionId: connection.id } };
  }

  private async call<T>(connection: ConnectionContext, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw await this.connections.failure(error, connection);
    }
  }
}
