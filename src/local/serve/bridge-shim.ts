/**
 * The browser side of the local google.script.run: a script injected into the served Sidebar.html that
 * turns `google.script.run.withSuccessHandler(f).withFailureHandler(g).name(...args)` into POST /rpc.
 * Like the real one, a failure hands the handler an Error whose message is the server's.
 * Arguments are sent tagged (wire-args.ts) so the server can apply google.script.run's parameter rules to
 * what JSON alone would hide: arrays {a}, objects {o}, undefined {u}, a form {f: fields}, anything else
 * {x: its type} (a Date, a function, a DOM element, a Map, a circular reference...).
 */
export const BRIDGE_SHIM = `<script>
(function () {
  function tag(v, seen) {
    if (v === undefined) return { u: 1 };
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") return isFinite(v) ? v : null;
    if (typeof v !== "object") return { x: typeof v };
    if (seen.indexOf(v) >= 0) return { x: "circular" };
    if (typeof HTMLFormElement !== "undefined" && v instanceof HTMLFormElement) {
      var fields = {};
      new FormData(v).forEach(function (value, key) {
        var s = typeof value === "string" ? value : value.name;
        if (!(key in fields)) fields[key] = s;
        else if (Array.isArray(fields[key])) fields[key].push(s);
        else fields[key] = [fields[key], s];
      });
      return { f: fields };
    }
    seen.push(v);
    try {
      if (Array.isArray(v)) return { a: v.map(function (x) { return tag(x, seen); }) };
      var proto = Object.getPrototypeOf(v);
      if (proto !== null && proto !== Object.prototype) return { x: Object.prototype.toString.call(v) };
      var o = {};
      Object.keys(v).forEach(function (k) { o[k] = tag(v[k], seen); });
      return { o: o };
    } finally { seen.pop(); }
  }
  function runner(success, failure, userObject) {
    return new Proxy({}, {
      get: function (_t, prop) {
        if (prop === "withSuccessHandler") return function (f) { return runner(f, failure, userObject); };
        if (prop === "withFailureHandler") return function (f) { return runner(success, f, userObject); };
        if (prop === "withUserObject") return function (o) { return runner(success, failure, o); };
        if (typeof prop !== "string" || prop === "then") return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments).map(function (a) { return tag(a, []); });
          fetch("/rpc", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: prop, args: args, tagged: true }) })
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
