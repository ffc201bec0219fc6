import { FAULT_JOBS } from "../../../src/local/faults/jobs";
import { runFaultSuite } from "../../../src/local/faults/run-faults";

/** The fault suite on the built bundle (dist/, or SHEET_CRM_DIST), small counts with fixed seeds. */
describe("fault-injection suite", () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: no user cell lost or changed, no owned column half-written, no mail sent twice, a cut job finished by its next run`, () => {
      const lines: string[] = [];
      const summary = runFaultSuite({
        seed,
        count: 24,
        dist: process.env.SHEET_CRM_DIST,
        log: (l) => lines.push(l),
      });
      expect(summary.jobs + summary.skipped.length).toBe(FAULT_JOBS.length);
      expect(summary.faultsInjected).toBe(summary.jobs > 0 ? 24 : 0);
      expect(lines.filter((l) => !l.startsWith("  "))).toHaveLength(FAULT_JOBS.length);
      expect({
        cleanFailures: summary.cleanFailures,
        userCellsLost: summary.userCellsLost,
        userCellsChanged: summary.userCellsChanged,
        partialWrites: summary.partialWrites,
        duplicateMails: summary.duplicateMails,
        sensitivePlaintext: summary.sensitivePlaintext,
        resumeFailures: summary.resumeFailures,
        details: lines.filter((l) => l.startsWith("  ")),
      }).toEqual({
        cleanFailures: [],
        userCellsLost: 0,
        userCellsChanged: 0,
        partialWrites: 0,
        duplicateMails: 0,
        sensitivePlaintext: 0,
        resumeFailures: 0,
        details: [],
      });
      // Some job was cut at a call and finished by its next run.
      expect(lines.join("\n")).toMatch(/cut-resume [1-9]/);
    });
  }
});
