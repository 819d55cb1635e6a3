import { compareWithInterpreter, expressionList } from './differential';
import { STRUCTURE_BINDINGS as BINDINGS, STRUCTURE_INPUTS as INPUTS } from './differential-inputs';

/**
 * Differential table: paths (singleton unwrapping, flattening, array inputs, quoted names, `$`/`$$`),
 * predicates (index, negative index, boolean and numeric filters, `[]`) and constructors. Each expression
 * runs through jsonata 2.2.2 and the compiled closure over every input; the results must be identical
 * (value, key order, undefined vs null, -0, and which arrays are sequences), or both must fail.
 */

const PATHS = expressionList(String.raw`
title
user.login
labels.name
labels[0].name
labels[-1]
labels[1].color
labels[5]
labels[-5]
assignees.login
nested
nested[0]
nested.$
nested[1][1]
nested[1].$[1]
empty
empty.x
emptyObj
emptyObj.x
headers.'x-github-event'
body.issue.labels.name
body.issue.one.name
missing
missing.deeper
$
$$
$.title
$$.user.login
$$.body.action
one
one.name
one[0]
tags[1]
tags[-1]
title.x
labels[name = "bug"].id
labels[id > 10]
labels[[0, 1]]
labels[true]
labels[color]
labels[$exists(color)].name
assignees[login = "b"]
flags[$]
nested[0][1]
(labels)[0]
labels.name[0]
labels[]
one[]
title[]
labels.name[]
one.name[]
$[0]
$[-1].number
*
user.*
labels.*
labels[0].*
labels.id[0]
labels[id = 10 or id = 11][1]
labels[1.7]
labels[-1.2]
labels[0][0]
tags[0][0]
$.labels.$
body.issue.user
$count(labels[name = "ui"])
labels.(id + 1)
labels.{"id": id}[1]
labels.[id, name]
[labels.[id, name]]
[labels].name
[1, 2, 3].($ * 2)
([1, 2]).$
$$[0].title
user.constructor
user.toString
labels.__proto__
emptyObj.hasOwnProperty
$keys(user.constructor)
`);

const CONSTRUCTORS = expressionList(String.raw`
"s"
42
-1.5
true
null
[]
{}
{"a": title, "b": missing, "c": null}
{"n": number, "l": labels.name}
{"x": labels}
labels.{"id": id, "n": name}
[labels.{"id": $string(id)}]
{title: number}
{"a": 1, "a": 2}
{"__proto__": 1, "x": 2}
{(title): 1}
{"k": $}
$.{"k": title}
{"1": 1, "b": 2, "0": 0}
{"a": {"b": {"c": title}}}
[title, number]
[labels.name]
[[1, 2], 3]
[labels.name, tags]
[missing]
[nested]
[1, 2, 3][1]
[1, 2, 3][-1]
[[1, 2]][0]
[[1, 2], [3]][0]
["[", title]
[empty, emptyObj]
{"a": [1, 2]}.a
{"a": labels.name}.a
{"a": [labels.name]}.a[0]
[{"a": 1}, {"a": 2}].a
{"x": empty}
{"t": tags[5]}
[labels.id, one.id]
[[labels.id]]
{"k": labels.id}.k[0]
`);

/** Backquoted names do not fit in the String.raw tables. */
const QUOTED = ['`x-github-event`', 'headers.`x-github-event`', '{"e": `x-github-event`}'];

describe('fast-jsonata against jsonata: paths, predicates, constructors', () => {
  it.each([...PATHS, ...QUOTED, ...CONSTRUCTORS].map((source) => [source]))('%s', async (source) => {
    for (const input of INPUTS) {
      const verdict = await compareWithInterpreter(source, input, BINDINGS);
      if (verdict.kind === 'unsupported') throw new Error(`not compiled: ${verdict.reason}`);
      expect({ input, verdict }).toEqual({ input, verdict: expect.objectContaining({ kind: 'same' }) });
    }
  });
});
