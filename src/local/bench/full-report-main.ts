/**
 * The entry of the full-report bundle (see full-report.ts): `node BUNDLE N` runs the report of N generated
 * lines once and prints its figures as one line of JSON.
 */
import { fullReportRun } from "./full-report";

const lines = Number(process.argv[2]);
if (!Number.isInteger(lines) || lines <= 0)
  throw new Error(`usage: node full-report.mjs LINES (got ${process.argv[2]})`);
fullReportRun(lines).then((run) => console.log(JSON.stringify(run)));
