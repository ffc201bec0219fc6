import { cellDayReader, dayFromCivil, parseDate } from "../../calendar";
import type { ColumnSpec, Lang } from "../../schema/types";
import { isBlank, isDateObject } from "../parse";
import { readCell, readEnum, uniqueKey } from "../validate/read-cell";
import { isMasked } from "../../trust/mask";

/** How cells are read for matching: the language decides 01/03/2025; the zone reads Date objects. */
export interface IdentityOptions {
  readonly lang: Lang;
  readonly timeZone?: string;
}

/**
 * The text under which two cells of one column count as the same value when an import compares a file's
 * line with a sheet's row, read the way the parsers read them: dates by the calendar (a Date object of the
 * sheet, `2025/3/1` and `2025-03-01` are one day; datetimes to the second), amounts and numbers by value
 * (`¥1,000` = 1000), e-mails and phones normalised, enums by option (either language or alias), IDs
 * trimmed and case-folded as customer IDs are, other text trimmed. A cell no parser reads keeps its
 * trimmed text, so it equals only the same text. Blank is "".
 *
 * Sensitive columns (ID-card and bank numbers) hold masks in the sheet, the plaintext being sealed in
 * the vault: the caller gives the plan the sheet's rows with the plaintext put back (src/gas/trust/vault.ts
 * withPlaintext), so values compare as text. A mask the vault could not open ("3101********1234") equals
 * only the same mask: a file's plaintext then counts as changed and is sealed again, never taken as
 * present because its first and last four characters happen to match.
 */
export function cellIdentity(options: IdentityOptions): (column: ColumnSpec, value: unknown) => string {
  const day = cellDayReader(options.timeZone ?? "UTC", options.lang);
  const read = { lang: options.lang, timeZone: options.timeZone };
  return (column, value) => {
    if (isBlank(value)) return "";
    if (column.sensitive)
      return isMasked(value) ? `mask:${String(value).trim()}` : `text:${String(value).trim()}`;
    switch (column.type) {
      case "id":
        return uniqueKey("id", value);
      case "enum": {
        const option = readEnum(column, value);
        return option ? `enum:${option.key}` : rawText(value);
      }
      case "date": {
        const d = day(value);
        return d === d ? `day:${d}` : rawText(value);
      }
      case "datetime": {
        const parsed = parseDate(value, { locale: options.lang, timeZone: options.timeZone });
        if (!parsed.ok) return rawText(value);
        const { year, month, day: dd, time } = parsed.value;
        const seconds = time ? (time.hour * 60 + time.minute) * 60 + time.second : 0;
        return `at:${dayFromCivil(year, month, dd) * 86_400 + seconds}`;
      }
      default: {
        const reading = readCell(column.type, value, read);
        if (!reading.ok || isDateObject(reading.value)) return rawText(value);
        return `${typeof reading.value}:${String(reading.value)}`;
      }
    }
  };
}

/** A cell no parser reads, or a column of the sheet's own: its trimmed text (Date objects as ISO). */
export function rawText(value: unknown): string {
  if (isBlank(value)) return "";
  if (isDateObject(value)) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  return `raw:${String(value).trim()}`;
}
