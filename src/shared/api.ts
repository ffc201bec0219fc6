/**
 * The contract between the server (src/gas) and the sidebar (src/sidebar): every function the sidebar may
 * call through google.script.run, with its argument and result types. Each feature declares its part; the
 * permission and audit of each function are in the one table of src/shared/server-functions.ts.
 */
import type { AlertsApi } from "./alerts";
import type { AnalysisApi } from "./analysis";
import type { BigQueryApi } from "./bigquery";
import type { BrowseApi } from "./browse";
import type { CampaignsApi } from "./campaigns";
import type { ChannelsApi } from "./channels";
import type { WebAppApi } from "./webapp";
import type { ClassifyApi } from "./classify";
import type { NotifyApi } from "./notify";
import type { PrivacyApi } from "./privacy";
import type { TableApi } from "./table";
import type { TableSettingsApi } from "./table-settings";
import type { TrustApi } from "./trust";
import type { UiApi } from "./ui";
import type { WizardApi } from "./wizard";

export interface ServerApi
  extends
    UiApi,
    TableApi,
    TableSettingsApi,
    ClassifyApi,
    NotifyApi,
    TrustApi,
    AnalysisApi,
    BrowseApi,
    PrivacyApi,
    WizardApi,
    CampaignsApi,
    ChannelsApi,
    AlertsApi,
    WebAppApi,
    BigQueryApi {}

export type ServerFunctionName = keyof ServerApi;

export { SERVER_FUNCTION_NAMES } from "./server-functions";
