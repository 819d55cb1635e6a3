import type { ResourceDefinition } from '../definition';
import { ID, REPO, WORKSPACE_FROM_URL } from './shared.mapping';

/**
 * GitHub label → unified tag. Labels are addressed by NAME in GitHub's paths and issue bodies, so the
 * name is the id (as in tickets' `tags`). Colours get the `#` GitHub leaves out.
 */
export const githubTagRecord = `
(
  $workspace := ${WORKSPACE_FROM_URL};
  {
    "id": name,
    "name": name,
    "color": color ? "#" & color,
    "workspace": $workspace(url, "/labels/")
  }
)`;

/** GitHub wants the six hex digits without `#`. */
const COLOR = `body.color ? $replace(body.color, /^#/, "")`;

export const githubTags: ResourceDefinition = {
  record: githubTagRecord,
  methods: {
    list: { method: 'GET', path: `${REPO} & "/labels"` },
    get: { method: 'GET', path: `${REPO} & "/labels/" & ${ID}` },
    create: {
      method: 'POST',
      path: `${REPO} & "/labels"`,
      body: `{ "name": body.name, "color": ${COLOR} }`,
      readBack: true,
    },
    update: {
      method: 'PATCH',
      path: `${REPO} & "/labels/" & ${ID}`,
      // A new name renames the label (GitHub's `new_name`); its issues keep it.
      body: `{ "new_name": body.name, "color": ${COLOR} }`,
      readBack: true,
    },
    delete: { method: 'DELETE', path: `${REPO} & "/labels/" & ${ID}` },
  },
};
