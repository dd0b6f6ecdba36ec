import fs from "node:fs";
import path from "node:path";

/**
 * Prints the slowest test files of a vitest JSON report (`--reporter=json --outputFile.json=…`), slowest first,
 * with their share of the summed file time: `npx tsx scripts/slowest-tests.ts .ci-reports/vitest.json [count]`.
 * CI runs it after each test step so a file that grows slow is seen before the suite does.
 */
interface Report {
  testResults: { name: string; startTime: number; endTime: number; assertionResults: unknown[] }[];
}

function main() {
  const [file = ".ci-reports/vitest.json", countArg = "10"] = process.argv.slice(2);
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
  const files = report.testResults
    .map((r) => ({ name: path.relative(process.cwd(), r.name), ms: r.endTime - r.startTime, tests: r.assertionResults.length }))
    .sort((a, b) => b.ms - a.ms);
  const total = files.reduce((sum, f) => sum + f.ms, 0);
  console.log(`Slowest test files (${file}; ${files.length} files, ${(total / 1000).toFixed(1)} s summed):`);
  for (const f of files.slice(0, Number(countArg))) {
    const share = total ? Math.round((100 * f.ms) / total) : 0;
    console.log(`  ${(f.ms / 1000).toFixed(1).padStart(6)} s  ${String(share).padStart(3)} %  ${String(f.tests).padStart(3)} tests  ${f.name}`);
  }
}

main();
