/** What every renderer needs: where the API and the web UI live, and GitHub-like node ids. */
export interface Hosts {
  api: string;
  web: string;
}

export type Json = Record<string, unknown>;

export const nodeId = (prefix: string, id: number) =>
  `${prefix}_${Buffer.from(`emu:${id}`).toString('base64')}`;
