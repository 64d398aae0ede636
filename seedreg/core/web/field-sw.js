/* seedreg's field-page service worker, served at /field-sw.js by seedreg/core/web/offline.py
   (which writes VERSION, a hash of the static files, and SHELL below). Registered by
   seedreg/static/field/drafts.js with the scope of the field page that opts in.

   What it keeps, and nothing else:
   - the app shell (SHELL, and the assets a field page names when it opts in), cache-first, in
     a cache named after VERSION: a new release installs a new worker that drops the old cache;
   - the field pages that opted in (drafts.js sends "keep"), kept copy first: the kept page is
     shown at once (so it reloads with no network and fast on a weak link); when the copy is
     older than REFRESH_AFTER_MS the server is asked again behind it and its answer replaces the
     copy for the next visit. A page that now redirects (signed out) or is refused is forgotten;
     signing out forgets them all at once.
     A page not kept yet comes from the network and is kept on the way.
   Never an API answer, a POST, another page or another origin: those pass through untouched.
   What is typed is not here: drafts.js keeps it in IndexedDB. */
"use strict";
var VERSION = "__VERSION__";
var SHELL = ["__SHELL__"];
var SHELL_CACHE = "seedreg-shell-" + VERSION;
var PAGES_CACHE = "seedreg-pages";
// A field form is a shell that changes with a release or the catalogue, not between two visits
// of one check: refreshing it on every visit sent the whole page (46 KB) on the link each time.
var REFRESH_AFTER_MS = 15 * 60 * 1000;
var KEPT_AT = "X-Seedreg-Kept-At";

function isStatic(url) { return url.origin === self.location.origin && url.pathname.indexOf("/static/") === 0; }

// An update (an older shell is here): the browser's HTTP cache may hold a file of the older
// release, so each file is fetched from the server. A first install takes the browser's copy,
// the one the page has just used: on a weak link the shell then costs what is not yet loaded.
var updating = caches.keys().then(function (names) {
  return names.some(function (n) { return n.indexOf("seedreg-shell-") === 0 && n !== SHELL_CACHE; });
});

function addMissing(cache, urls) {
  // One by one: an asset that fails on a weak link is tried again next time, and does not
  // throw the rest of the shell away (cache.addAll is all or nothing).
  return updating.then(function (fresh) {
    return Promise.all(urls.map(function (url) {
      return cache.match(url).then(function (hit) {
        return hit || cache.add(new Request(url, {cache: fresh ? "reload" : "default"})).catch(function () {});
      });
    }));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL_CACHE).then(function (cache) { return addMissing(cache, SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("seedreg-shell-") === 0 && n !== SHELL_CACHE; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () {
    // No navigation preload: it would fetch every page again even when the kept copy is fresh.
    return self.registration.navigationPreload ? self.registration.navigationPreload.disable() : null;
  }).then(function () { return self.clients.claim(); }));
});

function fromShell(request) {
  return caches.open(SHELL_CACHE).then(function (cache) { return cache.match(request); })
    .then(function (hit) { return hit || fetch(request); });
}

// The page as kept: the server's answer with the time it was kept.
function stamped(response) {
  var headers = new Headers(response.headers);
  headers.set(KEPT_AT, String(Date.now()));
  return response.blob().then(function (body) {
    return new Response(body, {status: response.status, statusText: response.statusText, headers: headers});
  });
}

function isFresh(kept) {
  var at = Number(kept.headers.get(KEPT_AT) || 0);
  return Date.now() - at < REFRESH_AFTER_MS;
}

function page(event) {
  var request = event.request;
  return caches.open(PAGES_CACHE).then(function (cache) {
    return cache.match(request.url, {ignoreVary: true}).then(function (kept) {
      if (kept && isFresh(kept)) return kept;
      var fresh = fetch(request).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.status === 200 && type.indexOf("text/html") === 0) {
          event.waitUntil(stamped(response.clone()).then(function (copy) { return cache.put(request.url, copy); }));
        } else if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403 || response.status === 404) {
          event.waitUntil(cache.delete(request.url));
        }
        return response;
      });
      // Not kept yet (the page's "keep" was lost, or it came before the worker was ready): the
      // network's answer, kept on the way for the next visit. Every page this worker controls
      // opted in: its scope is the field page's own path (drafts.js registers it so).
      if (!kept) return fresh;
      // An old kept copy at once, refreshed behind it for the next visit: a field form is a shell
      // (drafts.js restores what was typed, checkform.js makes fresh keys on load), and on a weak
      // link waiting for the page again cost a repeat visit 1.6 s and 90 KB (bench_field_pages).
      event.waitUntil(fresh.catch(function () {}));
      return kept;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (isStatic(url)) event.respondWith(fromShell(request));
  else if (request.mode === "navigate") event.respondWith(page(event));
});

function keepPage(url) {
  return caches.open(PAGES_CACHE).then(function (cache) {
    return cache.match(url).then(function (hit) {
      if (hit) return null;
      return fetch(url, {credentials: "same-origin", redirect: "manual"}).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.status !== 200 || type.indexOf("text/html") !== 0) return null;
        return stamped(response).then(function (copy) { return cache.put(url, copy); });
      });
    });
  }).catch(function () {});
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "keep") {
    var page = new URL(data.page, self.location.href);
    if (page.origin !== self.location.origin) return;
    var assets = (data.assets || []).filter(function (a) { return isStatic(new URL(a, self.location.href)); });
    event.waitUntil(Promise.all([keepPage(page.href),
      caches.open(SHELL_CACHE).then(function (cache) { return addMissing(cache, assets); })]));
  } else if (data.type === "forget") {
    event.waitUntil(caches.delete(PAGES_CACHE));  // the pages only: the shell holds nothing personal
  }
});
