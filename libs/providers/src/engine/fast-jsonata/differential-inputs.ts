/** Inputs shared by the differential tables: the same objects run through jsonata and the compiled closures. */

/** Issue-like objects with nulls, empties, nested arrays and a webhook envelope: paths and operators. */
export const STRUCTURE_INPUTS: unknown[] = JSON.parse(String.raw`[
  {"number": 42, "title": "Crash on save", "body": null, "state": "closed", "state_reason": "not_planned",
   "user": {"id": 7, "login": "octocat"}, "assignees": [{"id": 1, "login": "a"}, {"id": 2, "login": "b"}],
   "labels": [{"id": 10, "name": "bug"}, {"id": 11, "name": "ui", "color": "fff"}], "one": [{"id": 12, "name": "solo"}],
   "milestone": null, "repository_url": "https://api.github.com/repos/octo/hello", "score": 1.5, "ratio": 0.1,
   "big": 1e21, "neg": -3, "nested": [[1, 2], [3, [4, 5]]], "empty": [], "emptyObj": {}, "flags": [true, false],
   "tags": ["x", "y"], "x-github-event": "issues", "text": "  Hello   World \n", "unicode": "héllo 👋"},
  {},
  [],
  [{"number": 42, "title": "A", "labels": [{"id": 1, "name": "p"}], "one": [{"id": 2}], "tags": ["t"]},
   {"number": 43, "title": "B", "labels": [], "one": [], "tags": []}],
  "a string",
  5,
  null,
  {"headers": {"x-github-event": "issues"},
   "body": {"action": "opened", "issue": {"number": 1, "labels": [{"name": "bug"}], "one": [{"name": "solo"}], "user": {"login": "u"}}}}
]`);
export const STRUCTURE_BINDINGS = {
  settings: { owner: 'octo', repo: 'hello' },
  request: { id: '42', query: { state: 'open' } },
};

/** Issue-like objects with text, numbers and an ADF document: built-in functions and lambdas. */
export const TEXT_INPUTS: unknown[] = JSON.parse(String.raw`[
  {"number": 42, "title": "Crash on save", "state": "open", "user": {"id": 7, "login": "octocat", "site_admin": false},
   "assignees": [{"id": 1, "login": "a"}, {"id": 2, "login": "b"}],
   "labels": [{"id": 10, "name": "bug"}, {"id": 11, "name": "ui", "color": "fff"}], "one": [{"id": 12, "name": "solo"}],
   "repository_url": "https://api.github.com/repos/octo/hello", "parent_issue_url": null, "score": 1.5, "neg": -3,
   "tags": ["x", "y"], "empty": [], "text": "  Hello   World \n", "unicode": "héllo 👋",
   "doc": {"type": "doc", "content": [
     {"type": "paragraph", "content": [{"type": "text", "text": "Hello "}, {"type": "text", "text": "world"}]},
     {"type": "paragraph", "content": [{"type": "mention", "attrs": {"text": "@ann"}}]},
     {"type": "bulletList", "content": [{"type": "listItem", "content": [{"type": "text", "text": "item"}]}]}]}},
  {},
  [{"number": 42, "title": "A", "tags": ["z"], "labels": [{"id": 1, "name": "p"}]}, {"number": 43, "doc": null}],
  "text",
  null
]`);
export const TEXT_BINDINGS = { settings: { owner: 'octo', repo: 'hello' }, request: { id: '42' } };
