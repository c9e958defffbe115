// Subscribe page: a "Copy address" button next to the feed address (the address stays
// selectable by hand without JavaScript). Its words come translated in the button's data-copied
// and data-failed.
document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("feed-url");
  const button = document.getElementById("copy-feed-url");
  if (!input || !button || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      button.textContent = button.dataset.copied;
    } catch {
      button.textContent = button.dataset.failed;
    }
  });
  input.addEventListener("focus", () => input.select());
});
