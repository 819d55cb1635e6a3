#!/usr/bin/env node
// Prints one closing line, "tests: N passed, N failed", over every test run whose results are in
// .data/test-results: jest's JSON reports (unit, e2e, e2e-postgres) and, when asked for, Schemathesis'
// JUnit report (one test per API operation). CI reads the last line of .ci/run's output for this count,
// so .ci/run prints it last, after the same totals in jest's own summary shape ("Tests: …, N total").
// A run expected but without results counts as one failure.
// Usage: node scripts/test-summary.js [--with-schemathesis]
'use strict';
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..', '.data', 'test-results');
let passed = 0;
let failed = 0;

for (const run of ['unit', 'e2e', 'e2e-postgres']) {
  const file = path.join(dir, `${run}.json`);
  if (!fs.existsSync(file)) {
    failed += 1;
    console.log(`${run}: no results (the run did not complete)`);
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
}

if (process.argv.includes('--with-schemathesis')) {
  const file = path.join(dir, 'schemathesis', 'junit.xml');
  const xml = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const suites = /<testsuites\b([^>]*)>/.exec(xml);
  if (!suites) {
    failed += 1;
    console.log('schemathesis: no results (the run did not complete)');
  } else {
    const count = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(suites[1]) ?? [])[1] ?? 0);
    const bad = count('failures') + count('errors');
    passed += count('tests') - bad - count('skipped');
    failed += bad;
  }
}

const jestShape = failed > 0 ? `${failed} failed, ${passed} passed` : `${passed} passed`;
console.log(`Tests:       ${jestShape}, ${passed + failed} total`);
console.log(`tests: ${passed} passed, ${failed} failed`);
