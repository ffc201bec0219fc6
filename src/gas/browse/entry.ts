// Entry points of the browse feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
import type { BrowseApi } from "../../shared/browse";
import { guarded } from "../platform/guard";
import { batchDelete, batchUpdate, undoBatchDelete } from "./batch-edit";
import { dashboard } from "./dashboard-view";
import { exportView } from "./export-view";
import { listCustomersPage } from "./list-view";
import { goToCustomerRow, selectSheetCell } from "./navigate";
import { portrait } from "./portrait-view";

export const getDashboard: BrowseApi["getDashboard"] = guarded("view", dashboard);
export const listCustomers: BrowseApi["listCustomers"] = guarded("view", listCustomersPage);
export const getCustomerPortrait: BrowseApi["getCustomerPortrait"] = guarded("view", portrait);
// Writers check roles inside runJob (edit-own / edit-all), before the lock is taken.
export const batchUpdateCustomers: BrowseApi["batchUpdateCustomers"] = batchUpdate;
export const batchDeleteCustomers: BrowseApi["batchDeleteCustomers"] = batchDelete;
export const undoDelete: BrowseApi["undoDelete"] = undoBatchDelete;
export const goToRow: BrowseApi["goToRow"] = guarded("view", goToCustomerRow);
export const selectCell: BrowseApi["selectCell"] = guarded("view", selectSheetCell);
export const exportCustomers: BrowseApi["exportCustomers"] = exportView;
