// The minified build is papaparse's browser entry: the same API without the Node stream code (which
// needs `require("stream")`, absent from Apps Script), so the server bundle can include it.
declare module "papaparse/papaparse.min.js" {
  import Papa from "papaparse";
  export default Papa;
}
