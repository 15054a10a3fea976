// Moving between the app's pages without reloading it: the address changes with history.pushState, the app
// re-renders for the new path, and focus goes to the new page's heading so a screen reader announces it.
import { useEffect, useState } from "preact/hooks";

const CHANGED = "analysis:navigate";

/** Shows the page for `path` (an address inside the app, such as "/sessions/…"). */
export function navigate(path: string): void {
  if (path !== window.location.pathname + window.location.search) history.pushState(null, "", path);
  window.dispatchEvent(new Event(CHANGED));
}

/** The current path, following navigate() and the browser's back and forward buttons. */
export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener(CHANGED, update);
    window.addEventListener("popstate", update);
    return () => {
      window.removeEventListener(CHANGED, update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return path;
}

/**
 * For a link's onClick: a plain click on an address inside the app is handled by navigate(); a click with a
 * modifier key (new tab, new window) or another button is left to the browser.
 */
export function followInApp(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const link = e.currentTarget as HTMLAnchorElement;
  if (link.origin !== window.location.origin) return;
  e.preventDefault();
  navigate(link.pathname + link.search);
}
