/**
 * The browser side of the local google.script.run: a script injected into the served Sidebar.html that
 * turns `google.script.run.withSuccessHandler(f).withFailureHandler(g).name(...args)` into POST /rpc.
 * Like the real one, a failure hands the handler an Error whose message is the server's.
 */
export const BRIDGE_SHIM = `<script>
(function () {
  function runner(success, failure, userObject) {
    return new Proxy({}, {
      get: function (_t, prop) {
        if (prop === "withSuccessHandler") return function (f) { return runner(f, failure, userObject); };
        if (prop === "withFailureHandler") return function (f) { return runner(success, f, userObject); };
        if (prop === "withUserObject") return function (o) { return runner(success, failure, o); };
        if (typeof prop !== "string" || prop === "then") return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch("/rpc", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: prop, args: args }) })
            .then(function (r) { return r.json(); })
            .then(function (res) {
              if (res.ok) { if (success) success(res.value, userObject); }
              else if (failure) { var e = new Error(res.error.message); e.name = res.error.name; failure(e, userObject); }
            }, function (e) { if (failure) failure(e, userObject); });
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null, undefined), host: { close: function () {}, setHeight: function () {}, setWidth: function () {}, editor: { focus: function () {} } } } };
})();
</script>`;
