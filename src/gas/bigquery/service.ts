/**
 * The part of the BigQuery advanced service (`BigQuery`, v2) the add-on calls, typed by the REST API's
 * shapes (https://developers.google.com/apps-script/advanced/bigquery). Functions take the service as a
 * parameter, so the offline CLI can pass the emulated one and tests a stub.
 */
export interface QueryResponse {
  readonly jobReference: { readonly projectId: string; readonly jobId: string; readonly location?: string };
  readonly jobComplete: boolean;
  readonly schema?: { readonly fields: readonly { readonly name: string; readonly type: string }[] };
  readonly rows?: readonly { readonly f: readonly { readonly v: unknown }[] }[];
  readonly totalRows?: string;
  readonly pageToken?: string;
}

export interface JobResource {
  readonly jobReference?: {
    readonly projectId?: string;
    readonly jobId?: string;
    readonly location?: string;
  };
  readonly configuration?: Record<string, unknown>;
  readonly status?: { readonly state?: string; readonly errorResult?: { readonly message?: string } };
}

export interface BigQueryService {
  readonly Jobs: {
    query(request: object, projectId: string): QueryResponse;
    getQueryResults(projectId: string, jobId: string, optional?: object): QueryResponse;
    insert(job: object, projectId: string, mediaData?: unknown): JobResource;
    get(projectId: string, jobId: string, optional?: object): JobResource;
  };
  readonly Tabledata: {
    insertAll(
      request: object,
      projectId: string,
      datasetId: string,
      tableId: string,
    ): {
      readonly insertErrors?: readonly unknown[];
    };
  };
  readonly Tables: {
    get(projectId: string, datasetId: string, tableId: string): object;
    insert(table: object, projectId: string, datasetId: string): object;
  };
  readonly Datasets: {
    get(projectId: string, datasetId: string): object;
    insert(dataset: object, projectId: string): object;
  };
}

/** Where the add-on's tables live (settings: project, dataset, location). */
export interface BigQueryTarget {
  readonly projectId: string;
  readonly datasetId: string;
  readonly location: string;
}
