import type { Rect } from "./a1";
import { Grid } from "./cells";

/** A protection (sheet- or range-level), as the workbook keeps it. */
export interface ProtectionModel {
  readonly type: "SHEET" | "RANGE";
  readonly sheet: SheetModel;
  readonly rect: Rect | null;
  description: string;
  warningOnly: boolean;
  readonly editors: Set<string>;
  unprotected: Rect[];
  removed: boolean;
  domainEdit: boolean;
}

/** A chart recorded by insertChart: type, A1 ranges, options and position. */
export interface ChartModel {
  readonly id: string;
  type: string;
  ranges: { sheet: string; a1: string }[];
  options: Record<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number } | null;
}

/** The state of one tab. */
export class SheetModel {
  readonly grid = new Grid();
  maxRows = 1000;
  maxColumns = 26;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  charts: ChartModel[] = [];
  conditionalRules: unknown[] = [];
  protections: ProtectionModel[] = [];
  activeRange: Rect | null = null;
  deleted = false;

  constructor(
    readonly id: number,
    public name: string,
  ) {}
}

export interface NamedRangeModel {
  name: string;
  sheet: SheetModel;
  rect: Rect;
}

/** The state of the whole spreadsheet. */
export class Workbook {
  sheets: SheetModel[] = [];
  readonly namedRanges = new Map<string, NamedRangeModel>();
  active: SheetModel | null = null;
  private nextSheetId = 0;
  editors = new Set<string>();
  /**
   * The Drive owner of a spreadsheet a script created (SpreadsheetApp.create); null for the emulated
   * document, whose owner is the session's (see ownerOf).
   */
  owner: string | null = null;

  constructor(
    readonly id: string,
    public name: string,
    public timeZone: string,
    public locale: string,
  ) {}

  newSheetId(): number {
    // Real sheet ids are arbitrary non-negative ints; the first tab is 0.
    const id = this.nextSheetId === 0 ? 0 : 100_000_000 + this.nextSheetId * 7919;
    this.nextSheetId++;
    return id;
  }

  byName(name: string): SheetModel | null {
    return this.sheets.find((s) => s.name === name) ?? null;
  }

  /** Makes a sheet without any check; callers validate names. */
  addSheet(name: string, index = this.sheets.length): SheetModel {
    const s = new SheetModel(this.newSheetId(), name);
    this.sheets.splice(index, 0, s);
    return s;
  }

  removeSheet(s: SheetModel): void {
    this.sheets = this.sheets.filter((x) => x !== s);
    s.deleted = true;
    for (const [k, nr] of this.namedRanges) if (nr.sheet === s) this.namedRanges.delete(k);
    if (this.active === s) this.active = this.sheets[0] ?? null;
  }
}

/** Who owns `wb`: its own owner when a script created it, else the emulated document's owner. */
export function ownerOf(wb: Workbook, sessionOwner: string): string {
  return wb.owner ?? sessionOwner;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.column < b.column + b.numColumns &&
    b.column < a.column + a.numColumns
  );
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.column + inner.numColumns <= outer.column + outer.numColumns
  );
}

export const PROTECTED_TEXT =
  "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

/** Whether `user` may write `rect` of `sheet` (owner always; warning-only protections do not block). */
export function mayEdit(sheet: SheetModel, rect: Rect | null, user: string, owner: string): boolean {
  if (user && user === owner) return true;
  for (const p of sheet.protections) {
    if (p.removed || p.warningOnly || p.editors.has(user)) continue;
    if (p.type === "SHEET") {
      if (rect && p.unprotected.some((u) => contains(u, rect))) continue;
      return false;
    }
    if (!rect || overlaps(p.rect!, rect)) return false;
  }
  return true;
}
