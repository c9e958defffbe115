// Subscribe page: a "Copy address" button next to the feed address (the address stays
// selectable by hand without JavaScript).
document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("feed-url");
  const button = document.getElementById("copy-feed-url");
  if (!input || !button || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Select and copy the address above";
    }
  });
  input.addEventListener("focus", () => input.select());
});
