/* The sidebar's version menu, from Read the Docs' addons.
 *
 * On Read the Docs, the addons script fires `readthedocs-addons-data-ready` on
 * `document` with `event.detail.data()`: {versions: {current: {slug},
 * active: [{slug, hidden, urls: {documentation}}]}, ...} (API version 1, asked
 * for by the <meta name="readthedocs-addons-api-version"> in each page's head).
 * This fills templates/sidebar/versions.html with one link per active version,
 * the current one marked aria-current; the menu stays hidden without the event.
 */
"use strict";
document.addEventListener("readthedocs-addons-data-ready", function (event) {
  const data = event.detail.data();
  const menu = document.querySelector(".handbook-versions");
  if (!menu || !data || !data.versions) return;
  const current = data.versions.current ? data.versions.current.slug : null;
  const list = menu.querySelector(".handbook-versions-list");
  list.replaceChildren();
  for (const version of data.versions.active || []) {
    if (version.hidden && version.slug !== current) continue;
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = version.urls.documentation;
    link.textContent = version.slug;
    if (version.slug === current) link.setAttribute("aria-current", "page");
    item.append(link);
    list.append(item);
  }
  if (current) menu.querySelector(".handbook-versions-current").textContent = current;
  menu.hidden = list.children.length === 0;
});
