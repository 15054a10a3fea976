import { useEffect, useRef, useState } from "preact/hooks";
import { currentKey, saveKey, whenUnauthorized } from "./api/client";
import { Home } from "./pages/home";
import { SessionPage } from "./pages/session";
import { followInApp, usePath } from "./router";

/** The page for the address: "/" (upload and the caller's sessions) or "/sessions/{id}". */
export function App() {
  const [key, setKey] = useState(currentKey());
  const [keyRejected, setKeyRejected] = useState(false);
  const path = usePath();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After a move inside the app (not on the first load), focus goes to the new page's heading.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const focusHeading = () => {
      const heading = main.current?.querySelector("h1");
      if (!heading) return false;
      heading.setAttribute("tabindex", "-1");
      heading.focus();
      return true;
    };
    if (!focusHeading()) requestAnimationFrame(() => focusHeading());
  }, [path]);
  // Set before the pages render: their first requests may already be refused.
  whenUnauthorized(() => setKeyRejected(true));

  if (!key || keyRejected) {
    return (
      <KeyPrompt
        rejected={keyRejected}
        onKey={(k) => {
          saveKey(k);
          setKey(k);
          setKeyRejected(false);
        }}
      />
    );
  }

  const session = /^\/sessions\/([0-9a-fA-F-]{36})\/?$/.exec(path);
  return (
    <>
      <header class="bar">
        <a href="/" class="brand" onClick={followInApp}>
          Analysis
        </a>
      </header>
      <main id="main" ref={main}>
        {session ? <SessionPage key={session[1]} id={session[1]!} /> : <Home />}
      </main>
    </>
  );
}

function KeyPrompt({ rejected, onKey }: { rejected: boolean; onKey: (key: string) => void }) {
  const [value, setValue] = useState("");
  return (
    <main id="main" class="narrow">
      <h1>Analysis</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onKey(value);
        }}
      >
        <label for="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" value={value} onInput={(e) => setValue(e.currentTarget.value)} aria-describedby="api-key-help" />
        <p id="api-key-help" class="help">
          {rejected ? "The service did not accept that key. " : ""}
          The key is kept for this tab only. On a development machine the service prints a link with its key when it starts.
        </p>
        <button type="submit">Continue</button>
      </form>
    </main>
  );
}
