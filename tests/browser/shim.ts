/**
 * A stand-in for google.script.run in the browser, injected into build/Sidebar.html by the bridge:
 * every call is POSTed as JSON to /__run and its value (or the error's message) comes back to the
 * success (or failure) handler — plain values only, as Google's bridge passes [apps-script.md §8].
 * As in Google, each with…Handler returns a new runner and calls are asynchronous.
 */
export const GOOGLE_SCRIPT_RUN_SHIM = `
(function () {
  function runner(h) {
    return new Proxy({}, {
      get: function (_t, name) {
        if (name === "withSuccessHandler") return function (fn) { return runner(Object.assign({}, h, { ok: fn })); };
        if (name === "withFailureHandler") return function (fn) { return runner(Object.assign({}, h, { fail: fn })); };
        if (name === "withUserObject") return function (o) { return runner(Object.assign({}, h, { user: o })); };
        if (typeof name !== "string") return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch("/__run", { method: "POST", headers: { "Content-Type": "application/json" },
                            body: JSON.stringify({ name: name, args: args }) })
            .then(function (r) { return r.json(); })
            .then(function (r) {
              if (r.ok) { if (h.ok) h.ok(r.value, h.user); }
              else if (h.fail) h.fail(new Error(r.message), h.user);
              else console.error(r.message);
            }, function (e) { if (h.fail) h.fail(e, h.user); });
        };
      }
    });
  }
  window.google = { script: { run: runner({}), host: { close: function () {}, editor: { focus: function () {} } } } };
})();
`;
