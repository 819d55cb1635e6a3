import { compareWithInterpreter, expressionList } from './differential';
import { STRUCTURE_BINDINGS as BINDINGS, STRUCTURE_INPUTS as INPUTS } from './differential-inputs';

/** Differential table: operators (`&`, arithmetic, comparisons, `=`, `and`/`or`, `in`, `?:`) and variables. */

const OPERATORS = expressionList(String.raw`
title & "!"
number & ""
missing & "x"
labels & ""
score & ratio
big & ""
1/3 & ""
true & null
emptyObj & empty
user & "|"
"a" & 1.1 & 2e-7
number + 1
score * 2
number / 0
number % 5
-number
-title
title + 1
missing + 1
number - missing
neg * -1
0.1 + 0.2
-(score)
number > 10
title < "D"
number = 42
number = "42"
labels = labels
labels[0] = {"id": 10, "name": "bug"}
missing = missing
null = null
number != 42
number < "x"
user < 1
[1, 2] = [1, 2]
emptyObj = {}
empty = []
missing != 1
tags = ["x", "y"]
labels.id = 10
title >= missing
title and number
missing or empty
emptyObj or 0
"" or false
labels and true
flags or false
missing and title
[false] or [0]
"bug" in labels.name
state in ["open", "closed"]
42 in number
missing in tags
"x" in missing
labels[0] in labels
{"a": 1} in [{"a": 1}]
1 in [1, "1"]
state = "open" ? "o" : "c"
milestone ? 1
missing ? 1 : 2
empty ? 1 : 2
one ? 1 : 2
flags ? "t" : "f"
[false] ? 1 : 2
[false, true] ? 1 : 2
emptyObj ? 1 : 2
0 ? 1 : 2
"0" ? 1 : 2
labels.name ? "y" : "n"
title ? (number ? "both") : "none"
`);

const VARIABLES = expressionList(String.raw`
($x := title; $x & "!")
($x := 1; ($x := 2); $x)
($x := labels; $x.name)
($x := one; $x.name)
($a := 1; $b := $a + 1; [$a, $b])
(title; number)
()
$settings.owner
$request.id
$missing
$settings
($settings := 1; $settings)
($x := labels.name; $x[0])
($x := $; $x.title)
($x := 5; (title; $x))
($x; $x := 1; $x)
($l := labels[0]; $l in labels)
`);

describe('fast-jsonata against jsonata: operators, variables, blocks', () => {
  it.each([...OPERATORS, ...VARIABLES].map((source) => [source]))('%s', async (source) => {
    for (const input of INPUTS) {
      const verdict = await compareWithInterpreter(source, input, BINDINGS);
      if (verdict.kind === 'unsupported') throw new Error(`not compiled: ${verdict.reason}`);
      expect({ input, verdict }).toEqual({ input, verdict: expect.objectContaining({ kind: 'same' }) });
    }
  });
});
