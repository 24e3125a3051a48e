// Follows an export in progress on the delivery page. Without JavaScript the page shows how far
// each export has got and a "Check progress" link that loads it again; with it, the page is
// fetched again every two seconds and each export in progress is brought up to date in place:
// the line of progress, read out by its status region, and once done the files and the delete
// button. Focus stays where the reader left it, and the words come from the page, in its language.
(() => {
  const section = document.querySelector("[data-exports]");
  if (!section || !window.fetch || !window.DOMParser) return;
  const every = 2000;

  const inProgress = () => Array.from(section.querySelectorAll('.export[data-export-finished="false"]'));

  // The link is for readers without scripts; here the page looks again by itself.
  const checks = () => Array.from(section.querySelectorAll(".export__check"));
  checks().forEach((check) => { check.hidden = true; });

  const imported = (nodes) => Array.from(nodes, (node) => document.importNode(node, true));

  // The status region stays the same element, so that assistive technology keeps listening to it;
  // only its words change, and only when they do, so nothing is read out twice.
  const updateState = (state, fresh) => {
    if (state.dataset.status === fresh.dataset.status) {
      const line = state.querySelector(".export__status");
      const freshLine = fresh.querySelector(".export__status");
      if (line && freshLine && line.textContent !== freshLine.textContent) line.textContent = freshLine.textContent;
      return;
    }
    state.dataset.status = fresh.dataset.status;
    state.replaceChildren(...imported(fresh.childNodes));
  };

  const update = (article, fresh) => {
    const state = article.querySelector(".export__state");
    const freshState = fresh.querySelector(".export__state");
    if (!state || !freshState) return;
    updateState(state, freshState);
    const bar = article.querySelector("progress");
    const freshBar = fresh.querySelector("progress");
    if (bar && freshBar) {
      bar.max = freshBar.max;
      bar.value = freshBar.value;
      bar.textContent = freshBar.textContent;
    } else if (freshBar) {
      state.after(document.importNode(freshBar, true));
    } else if (bar) {
      bar.remove();
    }
    if (fresh.dataset.exportFinished === "false") return;
    // Done or failed: what follows the status (the files, the delete button) replaces the link.
    Array.from(article.children).forEach((child) => {
      if (child !== state && state.compareDocumentPosition(child) & Node.DOCUMENT_POSITION_FOLLOWING) child.remove();
    });
    let after = false;
    const following = [];
    Array.from(fresh.children).forEach((child) => {
      if (child === freshState) after = true;
      else if (after) following.push(child);
    });
    article.append(...imported(following));
    article.dataset.exportFinished = "true";
  };

  const showChecks = () => checks().forEach((check) => { check.hidden = false; });

  const look = async () => {
    const waiting = inProgress();
    if (waiting.length === 0) return;
    if (document.hidden) {
      setTimeout(look, every);
      return;
    }
    try {
      const response = await fetch(window.location.pathname + window.location.search,
        { credentials: "same-origin", cache: "no-store", headers: { Accept: "text/html" } });
      if (!response.ok) throw new Error(String(response.status));
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      waiting.forEach((article) => {
        const fresh = page.getElementById(article.id);
        // Not there: deleted meanwhile, or the answer was the sign-in page. The link still works.
        if (fresh) update(article, fresh);
        else {
          showChecks();
          article.dataset.exportFinished = "true";
        }
      });
    } catch {
      // Signed out, offline or the server is busy: show the link again and keep trying.
      showChecks();
    }
    setTimeout(look, every);
  };

  setTimeout(look, every);
})();
