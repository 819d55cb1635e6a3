import { compareWithInterpreter, expressionList } from './differential';
import { TEXT_BINDINGS as BINDINGS, TEXT_INPUTS as INPUTS } from './differential-inputs';
import { compileFast, explainFast } from './index';

/**
 * Differential table: lambdas (closures over their defining context, recursion, tail calls, callbacks of
 * $map/$filter/$reduce…) and transforms; then what must NOT compile (undefined: the interpreter keeps it)
 * and what compiles but hands over to the interpreter at run time.
 */

const LAMBDAS = expressionList(String.raw`
($f := function($x) { $x * 2 }; $f(number))
($f := function($x, $y) { $y }; $f(1))
($f := function($x) { $x > 0 ? $f($x - 1) + 1 : 0 }; $f(5))
($f := function($n, $acc) { $n = 0 ? $acc : $f($n - 1, $acc + $n) }; $f(100, 0))
($g := function($x) { title & $x }; $g("!"))
($f := function() { $ }; $f())
($f := function($x) { $x }; labels.$f(name))
[assignees.($f := function($u) { $u.login }; $f($))]
($f := function($l) { $l.name }; $map(labels, $f))
$map(labels, function($l, $i) { $i & ":" & $l.name })
$map(missing, function($v) { $v })
$map(title, function($v) { $v })
$filter(labels, function($l) { $l.id > 10 })
$reduce([1, 2, 3], function($a, $b) { $a + $b })
$reduce([1, 2, 3], function($a, $b) { $a + $b }, 10)
$reduce([1], function($a) { $a })
$map([1, 2, 3], function($v, $i, $a) { $count($a) })
$single(labels, function($l) { $l.id = 10 })
$single(labels, function($l) { $l.id > 0 })
$each(user, function($v, $k) { $k & "=" & $v })
$sift(user, function($v) { $v = 7 })
$sift(user, function($v) { $v = 99 })
($text := function($n) { $n.type = "text" ? $n.text : $join($n.content.$text($), "") }; $text(doc))
($t := function($n) { $n.text ? $n.text : $n.attrs.text ? $n.attrs.text : $join($map($n.content, $t), " ") }; $t(doc))
($f := function($x) { $x ? $string($x) }; $f(number))
($f := function($x) { $map($x, function($v) { $v * 2 }) }; $f([1]))
($f := function($x) { $map($x, function($v) { $v * 2 }) }; $f([]))
($f := function($x) { $x.name }; $f(labels))
($user := function($u) { $u ? { "id": $string($u.id), "name": $u.login } }; [assignees.$user($)])
($f := function($x) { ($y := $x + 1; $y * 2) }; $f(1))
($f := function($s) { $lowercase($s) }; tags.$f($))
($f := function($x) { $x }; $f(title)[0])
($x := 5; $f := function($x) { $x }; $f())
($x := 5; $f := function($a, $x) { [$a, $x] }; $f(1))
$map([1, 2], function($v) { $map([$v], function($w) { $w }) })[0]
$map([1, 2], function($v) { $map([$v], function($w) { $w }) })
($f := function() { labels.name }; $f())[1]
`);

const TRANSFORMS = expressionList(String.raw`
user ~> | $ | {}, ["site_admin"] |
user ~> | $ | {"x": 1} |
labels ~> | $ | {"seen": true}, "color" |
missing ~> | $ | {} |
title ~> | $ | {} |
$ ~> | labels | {"n": name & "!"}, ["id"] |
user ~> | $ | {}, [1] |
user ~> | $ | 5 |
{"a": 0.1 + 0.2} ~> | $ | {} |
user ~> | missing | {"x": 1} |
user ~> | login | {"x": 1} |
doc ~> | content | {"seen": true}, "content" |
`);

const UNSUPPORTED = expressionList(String.raw`
$now()
$millis()
$map(tags, /a/)
{"re": /a/}
$string(/a/)
/a/
$replace(title, "a", /b/)
**.name
labels.%.title
labels@$l.$l.name
labels#$i.$i
labels^(name)
[1..5]
$x := 1
function($x) { 1 }
$string
$map(tags, $uppercase)
labels{name: id}
$fromMillis
function($x)<n:n>{ $x }(1)
($f := function($a, $b) { $a }; $f(?, 1))
$eval("1")
$sort(tags)
| $ | {"a": 1} |
($f := function() { 1 }; $f)
($f := function() { 1 })
($f := function() { 1 }; {"f": $f})
($f := 1; $f := function() { 2 }; $f())
$x()
title()
$formatNumber(1, "#")
($string := 1; $string)
($f := function($string) { 1 }; $f(1))
$zip([1], [2])
$shuffle([1])
$random()
$base64encode("a")
$spread(user)
$clone(user)
labels ~> $f
$f(function() { 1 })
($f := function($g) { $g() }; $f(function() { 1 }))
$match(title, function($s) { 1 })
a ~> $string()[0]
($u := function($u) { $u.login }; assignees.$u($))
($g := function($x) { [$x, 1] }; $f := function($x) { ($g($x))[0] }; $f(5))
($t := | $ | {} |; $t(user))
`);

describe('fast-jsonata against jsonata: lambdas and transforms', () => {
  it.each([...LAMBDAS, ...TRANSFORMS].map((source) => [source]))('%s', async (source) => {
    for (const input of INPUTS) {
      const verdict = await compareWithInterpreter(source, input, BINDINGS);
      if (verdict.kind === 'unsupported') throw new Error(`not compiled: ${verdict.reason}`);
      expect({ input, verdict }).toEqual({ input, verdict: expect.objectContaining({ kind: 'same' }) });
    }
  });

  it('hands a binding that shadows a called built-in over to the interpreter', async () => {
    const fast = compileFast('$string(number)')!;
    expect(() => fast({ number: 1 }, { string: 'x' })).toThrow();
    // jsonata then calls the binding, a string: an error on both sides.
    expect(await compareWithInterpreter('$string(number)', { number: 1 }, { string: 'x' })).toEqual({
      kind: 'same',
      threw: true,
    });
  });
});

describe('constructs outside the compiled subset', () => {
  it.each(UNSUPPORTED.map((source) => [source]))('%s stays with the interpreter', (source) => {
    expect(compileFast(source)).toBeUndefined();
    expect(explainFast(source)).toEqual({ unsupported: expect.any(String) });
  });

  it.each([
    ['$fromMillis(253402300800000)'],
    ['$fromMillis(0, "[Y]-[M01]")'],
    ['$fromMillis(0, "[FNn], [D1o] [MNn]")'],
    ['$fromMillis(0, undefined, "+0100")'],
    ['$toMillis("2026-01-05", "[Y0001]-[M01]-[D01]")'],
    ['($f := function($s) { $substringBefore(".") }; title.$f(1))'],
  ])('%s compiles but hands over to the interpreter at run time', async (source) => {
    expect(await compareWithInterpreter(source, { title: 'a.b' })).toEqual({
      kind: 'handed-over',
      error: expect.stringContaining('NotCompiled'),
    });
  });

  it('reports a syntax error as unsupported rather than throwing', () => {
    expect(explainFast('{ "a": }')).toEqual({ unsupported: expect.stringContaining('not JSONata') });
  });
});
