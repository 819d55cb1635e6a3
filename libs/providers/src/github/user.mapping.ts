import type { ResourceDefinition } from '../definition';
import { REPO } from './shared.mapping';

/**
 * GitHub user → unified user. The id is the durable numeric account id (logins can be renamed), the
 * same id tickets and comments reference; the login is `username`. GitHub has one free-text name, so
 * first and last names stay null rather than guessed. Only a public e-mail address is visible.
 */
export const githubUserRecord = `
{
  "id": $string(id),
  "name": name ? name : login,
  "first_name": null,
  "last_name": null,
  "username": login,
  "emails": email ? [{ "email": email, "type": "public" }] : ($exists(email) ? []),
  "is_active": $exists(suspended_at) ? suspended_at = null,
  "avatar": avatar_url,
  "created_at": created_at,
  "updated_at": updated_at
}`;

export const githubUsers: ResourceDefinition = {
  record: githubUserRecord,
  methods: {
    // The people who can be assigned issues in the connection's repository.
    list: { method: 'GET', path: `${REPO} & "/assignees"`, isPartial: true },
    get: { method: 'GET', path: `"/user/" & $encodeUrlComponent(id)` },
  },
};
