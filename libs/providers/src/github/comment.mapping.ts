/** GitHub issue comment → unified comment. GitHub comments are always public and have no channel. */
export const githubCommentRecord = `
{
  "id": $string(id),
  "author": user ? { "id": $string(user.id), "name": user.login, "type": "user" },
  "body": body,
  "html_body": body_html,
  "ticket": issue_url ? { "id": $split(issue_url, "/")[-1] },
  "is_internal": false,
  "is_private": false,
  "created_at": created_at,
  "updated_at": updated_at
}`;
