import { compareWithInterpreter, expressionList } from './differential';

/**
 * Differential table: built-in functions, with jsonata's signature rules (the context as missing first
 * argument, single values as one-item arrays, type errors), and regular expressions.
 */
const INPUTS: unknown[] = JSON.parse(String.raw`[
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
const BINDINGS = { settings: { owner: 'octo', repo: 'hello' }, request: { id: '42' } };

const BUILTINS = expressionList(String.raw`
$string(number)
$string(score)
$string(0.1 + 0.2)
$string([0.1 + 0.2, 1/3, 5])
$string(labels)
$string(user)
$string(missing)
$string()
labels.$string()
tags.$string()
$string(title, true)
$string(labels, true)
$string(null)
$string(true)
$string([1, 2])
$string(1e21)
$string(1/0)
$number("42")
$number("0x1A")
$number(" 1")
$number(true)
$number("abc")
$number(missing)
$number("1e3")
$boolean(labels)
$boolean(empty)
$boolean(user)
$not(title)
$not(missing)
$exists(parent_issue_url)
$exists(missing)
$exists(labels[5])
$exists()
$count(labels)
$count(missing)
$count(title)
$count(labels.name)
$count(one.name)
$length(unicode)
$length(title)
$length(number)
$substringAfter(repository_url, "/repos/")
$substringAfter(repository_url, "zzz")
$substringBefore(title, " ")
$substringBefore(missing, "x")
tags.$substringBefore("q")
$substring(unicode, 1, 3)
$substring(title, -4)
$substring(title, 2)
$substring(title, -40, 3)
$substring(title, 1, 0)
$split(repository_url, "/")
$split(repository_url, "/", 2)
$split(title, "")
$split(missing, "/")
$split(title, " ", 0)
$split(repository_url, "/")[-1]
$split(title, 1)
$join(tags, ",")
$join(tags)
$join(title)
$join(labels.name, "|")
$join(one.name, "|")
$join([], ",")
$join([1, 2])
$lowercase(title)
$uppercase(unicode)
$trim(text)
$trim(missing)
$contains(title, "save")
$contains(missing, "x")
$contains(title, missing)
$replace(title, "a", "4")
$replace(title, " ", "_", 1)
$replace(title, "", "x")
$replace(title, "a", "$0")
$replace(title, "a", "b", 0)
$merge([user, {"extra": 1}])
$merge(labels)
$merge(missing)
$merge([])
$merge(user)
$lookup(user, "login")
$lookup(labels, "name")
$lookup(user, "missing")
$keys(user)
$keys(labels)
$keys(title)
$append(tags, "z")
$append(title, number)
$append(missing, tags)
$append(tags, missing)
$sum([1, 2, 3.5])
$sum(labels.id)
$sum(missing)
$sum(tags)
$max(labels.id)
$min([])
$average([1, 2])
$abs(neg)
$floor(score)
$ceil(score)
$round(2.5)
$round(3.5)
$round(3.14159, 2)
$round(-0.4)
$pad(title, 20, "*")
$pad(title, -20)
$pad(title, 18, "ab")
$type(labels)
$type(missing)
$type(null)
$type(user)
$distinct([1, 1, 2, {"a": 1}, {"a": 1}])
$distinct(tags)
$reverse(tags)
$reverse(title)
$encodeUrlComponent("a b/c?d")
$decodeUrlComponent("a%20b")
$encodeUrl("http://x/a b")
$decodeUrl("%E0%A4%A")
title ~> $uppercase()
tags ~> $join(",")
labels ~> $map(function($l) { $l.id })
$error("boom")
$assert(false, "no")
$assert(true)
$string(number) & "-" & $lowercase(title)
$boolean($substringAfter(missing, "x"))
$fromMillis(0)
$fromMillis(1767603600123)
$fromMillis(-1)
$fromMillis(1.7)
$fromMillis(missing)
$fromMillis(1767603600123, "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01]Z")
$fromMillis(1767603600123, "[Y0001]-[M01]-[D01]")
$fromMillis(1767603600123, "[H01]:[m01]:[s01].[f001] on [D01]/[M01]")
$fromMillis(5, "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]")
$fromMillis(-62135596800000, "[Y0001]")
$toMillis("2026-01-05T09:00:00Z")
$toMillis("2026-01-05T09:00:00.123+0100")
$toMillis("2026-01-05T09:00:00+01:00")
$toMillis("2026-01-05")
$toMillis("2026")
$toMillis("2026-01-05T09:00:00")
$toMillis("bad")
$toMillis(missing)
$toMillis(number)
$fromMillis($toMillis("2026-01-05T09:00:00.5Z"))
($ms := $toMillis("2026-01-05T09:00:00.000Z"); $fromMillis($ceil($ms / 1000) * 1000, "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01]Z"))
`);

const REGEXES = expressionList(String.raw`
$replace("2026-01-05T09:00:00.000+0000", /([+-]\d\d)(\d\d)$/, "$1:$2")
$replace("2026-01-05T09:00:00Z", /([+-]\d\d)(\d\d)$/, "$1:$2")
$match(title, /(a)(s)?/)
$match(title, /a/, 1)
$match(missing, /a/)
$match(title, /x*/)
$match(title, /a/, 0)
$match(title, /zzz/)
$replace(title, /a/i, "$$")
$replace(title, /(a)/, "$2")
$replace(title, /(((((((((((a)))))))))))/, "$11-$1-$12")
$replace(title, /a/, "<$0>")
$replace(title, /A/i, "x", 1)
$replace(title, /a/, missing)
$replace(title, /q/, "x")
$replace(title, /s?/, "x")
$split(title, / +/)
$split(title, /a/, 1)
$split(title, /q/)
$contains(title, /CRASH/i)
$contains(title, /^x/)
$match(repository_url, /\/repos\/([^\/]+)\//).groups[0]
tags.$match($, /x|y/).match
title ~> $replace(/ /, "-")
$match(title, /(?<word>\w+)/).groups
`);

describe('fast-jsonata against jsonata: built-in functions', () => {
  it.each([...BUILTINS, ...REGEXES].map((source) => [source]))('%s', async (source) => {
    for (const input of INPUTS) {
      const verdict = await compareWithInterpreter(source, input, BINDINGS);
      if (verdict.kind === 'unsupported') throw new Error(`not compiled: ${verdict.reason}`);
      expect({ input, verdict }).toEqual({ input, verdict: expect.objectContaining({ kind: 'same' }) });
    }
  });
});
