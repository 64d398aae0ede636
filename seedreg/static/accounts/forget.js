/* The sign-in page (after signing out, or a session that ended) tells the field pages' service
   worker (/field-sw.js) to forget the pages it kept: they hold the last person's data. Its
   shell (CSS, scripts) holds nothing personal and stays. Drafts not yet sent stay in
   IndexedDB, bound to their user, and go out when that user signs in again. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !navigator.serviceWorker.getRegistrations) return;
  navigator.serviceWorker.getRegistrations().then(function (regs) {
    regs.forEach(function (reg) { if (reg.active) reg.active.postMessage({type: "forget"}); });
  }).catch(function () {});
})();
