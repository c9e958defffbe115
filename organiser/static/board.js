// The coordinator's board refreshes itself: every few seconds it asks for the board's content
// with If-None-Match (304 while nothing changed) and swaps the new content in, keeping open
// histories open. A form being filled in is never wiped: the new content waits until the
// form is left alone. Without JavaScript a reload shows everything. Its words come translated
// in the status line's data attributes (templates/board/board.html).
document.addEventListener("DOMContentLoaded", () => {
  const board = document.getElementById("board");
  const status = document.getElementById("board-status");
  if (!board || !status || !window.fetch) return;
  const url = board.dataset.liveUrl;
  const every = Math.max(1, Number(board.dataset.pollSeconds) || 5) * 1000;
  let etag = board.dataset.version ? `"${board.dataset.version}"` : null;

  const say = (text, pending) => {
    if (status.textContent !== text) status.textContent = text;
    status.dataset.pending = pending ? "yes" : "no";
  };

  const edited = (field) => {
    if (field.type === "hidden") return false;
    if (field.tagName === "SELECT") {
      return [...field.options].some((option) => option.selected !== option.defaultSelected);
    }
    return field.value !== field.defaultValue;
  };

  // A form in the board is being filled in: focused, or changed from what it showed.
  const busy = () => {
    const active = document.activeElement;
    if (active && board.contains(active) && active.closest("form")) return true;
    return [...board.querySelectorAll("input, select, textarea")].some(edited);
  };

  const swap = (html) => {
    const open = [...board.querySelectorAll("details[open]")].map((details) => details.id);
    board.innerHTML = html;
    for (const id of open) {
      const details = id && document.getElementById(id);
      if (details) details.open = true;
    }
  };

  const poll = async () => {
    try {
      const headers = etag ? { "If-None-Match": etag } : {};
      const response = await fetch(url, { headers, cache: "no-store", credentials: "same-origin" });
      if (response.redirected || response.status === 404) {
        say(status.dataset.stopped, false);
        return; // no more polling
      }
      if (response.status === 200) {
        const html = await response.text();
        if (busy()) {
          say(status.dataset.waiting, true);
        } else {
          swap(html);
          etag = response.headers.get("ETag");
          const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined);
          say(status.dataset.updated.replace("{time}", time), false);
        }
      } else if (response.status === 304) {
        if (status.dataset.pending !== "yes") say(status.dataset.refreshes, false);
      }
    } catch {
      say(status.dataset.offline, false);
    }
    window.setTimeout(poll, every);
  };

  say(status.dataset.refreshes, false);
  window.setTimeout(poll, every);
});
