import { useEffect, useRef, useState } from "preact/hooks";
import { currentKey, saveKey, whenUnauthorized } from "./api/client";
import { DatasetPage } from "./pages/dataset";
import { DatasetsPage } from "./pages/datasets";
import { PowerPage } from "./pages/power";
import { Home } from "./pages/home";
import { SessionPage } from "./pages/session";
import { followInApp, usePath } from "./router";

const ID = "([0-9a-fA-F-]{36})";

/** The page for the address: "/" (upload and the caller's sessions), "/sessions/{id}", "/datasets", "/datasets/{id}". */
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

  const session = new RegExp(`^/sessions/${ID}/?$`).exec(path);
  const dataset = new RegExp(`^/datasets/${ID}/?$`).exec(path);
  const page = session ? (
    <SessionPage key={session[1]} id={session[1]!} />
  ) : dataset ? (
    <DatasetPage key={dataset[1]} id={dataset[1]!} />
  ) : /^\/datasets\/?$/.test(path) ? (
    <DatasetsPage />
  ) : /^\/power\/?$/.test(path) ? (
    <PowerPage />
  ) : (
    <Home />
  );
  return (
    <>
      <header class="bar">
        <a href="/" class="brand" onClick={followInApp}>
          Analysis
        </a>
        <nav aria-label="Pages">
          <a href="/datasets" onClick={followInApp} aria-current={path.startsWith("/datasets") ? "page" : undefined}>
            Datasets
          </a>
          <a href="/power" onClick={followInApp} aria-current={path.startsWith("/power") ? "page" : undefined}>
            Plan a study
          </a>
        </nav>
      </header>
      <main id="main" ref={main}>
        {page}
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
