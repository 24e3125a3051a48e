// The share panel's "Copy link" button. Without JavaScript the button stays hidden and the address
// stays in a read-only field to select and copy by hand; with it, one press copies. The messages
// come from the page, in its language.
document.querySelectorAll("[data-copy-from]").forEach((button) => {
  const field = document.getElementById(button.dataset.copyFrom);
  const status = button.closest(".share__copy")?.querySelector(".share__status");
  if (!field) return;
  field.addEventListener("focus", () => field.select());
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = button.dataset.copied;
    } catch {
      // No clipboard access (an old browser, or a page not served over https): select the text
      // so that the keyboard shortcut copies it.
      field.focus();
      field.select();
      if (status) status.textContent = button.dataset.copyFailed;
    }
  });
});
